// Giving freed memory back to the operating system.
//
// The allocator (tcmalloc in the executables, glibc's malloc in sanitizer builds) keeps freed
// memory for reuse: after one request that carried 60 MB of resumes the process would hold that
// memory while idle. Code that has just freed a large amount says so with NoteFreedMemory; a
// background thread then returns the allocator's free memory to the OS (tcmalloc's
// ReleaseFreeMemory, glibc's malloc_trim) -- at most once a second, and always once more after
// the last note, so a burst of large requests ends with the memory given back.
#pragma once

#include <cstddef>

namespace shortlist {

// Below this, a note is only added up; the release starts once the sum reaches it.
inline constexpr std::size_t kReleaseThreshold = 4u << 20;

// Thread-safe and cheap (an add under a lock); the release itself runs on its own thread.
void NoteFreedMemory(std::size_t bytes);

}  // namespace shortlist
