// fontconfig (which poppler asks for fonts a PDF does not embed) keeps a process-wide cache it
// never frees; LeakSanitizer would report it at exit of an ASan build. Nothing of ours is
// suppressed.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
