// The libcurl HttpClient.
//
// Design: one easy handle per hop, so Send is thread-safe without locks (the AddressPolicy is
// immutable and curl_global_init runs once). Redirects are followed here, not by curl, so that
// every hop's URL is parsed and checked again.
//
// Where the SSRF guard sits: curl calls our CURLOPT_OPENSOCKETFUNCTION with the exact address
// it is about to connect to, after its own DNS resolution. Checking there, instead of resolving
// the name ourselves first, leaves no window in which a DNS rebind could swap the address: the
// address judged is the address used, and a refused address never gets a socket. Hosts that
// are IP literals are checked before curl is even started. Proxies are disabled because a proxy
// would connect on our behalf to an address we never see.
#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string>

#include "net/http_client.h"

namespace shortlist::net {
namespace {

using Clock = std::chrono::steady_clock;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A parsed URL (owned CURLU handle).
class Url {
 public:
  Url() : handle_(curl_url()) {}
  ~Url() { curl_url_cleanup(handle_); }
  Url(const Url&) = delete;
  Url& operator=(const Url&) = delete;

  // Sets an absolute URL, or resolves a relative one against the current URL.
  bool Set(const std::string& url) {
    return curl_url_set(handle_, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
  }
  std::string Get(CURLUPart part) const {
    char* value = nullptr;
    if (curl_url_get(handle_, part, &value, part == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0) !=
        CURLUE_OK) {
      return {};
    }
    std::string out(value);
    curl_free(value);
    return out;
  }

 private:
  CURLU* handle_;
};

struct Transfer {
  const AddressPolicy* policy = nullptr;
  bool any_address = false;  // the host name is allow-listed
  std::string refusal;       // set by OpenSocket when it refused an address
  std::size_t max_bytes = 0;
  bool too_large = false;
  HttpResponse response;
};

curl_socket_t OpenSocket(void* data, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(data);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  const auto ip = IpAddress::FromSockaddr(&address->addr);
  if (!ip) {
    t->refusal = "the URL resolves to an address of an unsupported family";
    return CURL_SOCKET_BAD;
  }
  if (!t->any_address) {
    if (Status s = t->policy->CheckAddress(*ip); !s.ok()) {
      t->refusal = s.error().message;
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->response.body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, n);
  return n;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  std::string line(data, n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    t->response.headers.clear();  // a new response (after 100 Continue)
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string value = line.substr(colon + 1);
  const std::size_t start = value.find_first_not_of(" \t");
  value = start == std::string::npos ? "" : value.substr(start);
  t->response.headers.emplace_back(line.substr(0, colon), std::move(value));
  return n;
}

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(AddressPolicy policy) : policy_(std::move(policy)) { GlobalInit(); }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    const Clock::time_point deadline = Clock::now() + request.timeout;
    std::string method = request.method;
    std::string body = request.body;
    auto headers = request.headers;
    Url url;
    if (!url.Set(request.url)) {
      return Error::Make("invalid_url", "\"" + Shorten(request.url) + "\" is not a valid URL");
    }
    for (int hop = 0;; ++hop) {
      auto response = SendOnce(url, method, headers, body, request, deadline);
      if (!response.ok()) return response;
      const std::string location = response->Header("location");
      if (!IsRedirect(response->status) || location.empty() || request.max_redirects <= 0) {
        return response;
      }
      if (hop >= request.max_redirects) {
        return Error::Make(
            "too_many_redirects",
            "the URL redirected more than " + std::to_string(request.max_redirects) + " times");
      }
      const std::string origin = Origin(url);
      if (!url.Set(location)) {
        return Error::Make("invalid_url", "a redirect pointed to an invalid URL");
      }
      if (response->status == 303 ||
          ((response->status == 301 || response->status == 302) && method == "POST")) {
        method = "GET";
        body.clear();
      }
      if (Origin(url) != origin) {
        // Credentials are for the origin they were given to, not for wherever it redirects.
        std::erase_if(headers, [](const auto& h) {
          const std::string name = Lower(h.first);
          return name == "authorization" || name == "cookie" || name == "proxy-authorization";
        });
      }
    }
  }

 private:
  static std::string Shorten(const std::string& s) {
    return s.size() > 200 ? s.substr(0, 200) + "..." : s;
  }

  static std::string Origin(const Url& url) {
    return Lower(url.Get(CURLUPART_SCHEME)) + "://" + Lower(url.Get(CURLUPART_HOST)) + ":" +
           url.Get(CURLUPART_PORT);
  }

  Result<HttpResponse> SendOnce(const Url& url, const std::string& method,
                                const std::vector<std::pair<std::string, std::string>>& headers,
                                const std::string& body, const HttpRequest& request,
                                Clock::time_point deadline) const {
    const std::string scheme = Lower(url.Get(CURLUPART_SCHEME));
    if (scheme != "http" && scheme != "https") {
      return Error::Make("invalid_url", "only http and https URLs can be fetched, not " +
                                            (scheme.empty() ? std::string("this URL") : scheme));
    }
    const std::string host = url.Get(CURLUPART_HOST);
    if (host.empty()) return Error::Make("invalid_url", "the URL has no host");
    const std::string full = url.Get(CURLUPART_URL);

    Transfer transfer;
    transfer.policy = &policy_;
    transfer.any_address = policy_.HostAllowed(host);
    transfer.max_bytes = request.max_response_bytes;
    transfer.response.final_url = full;
    // An IP literal is judged before any work, so a refused address sees no packet at all.
    if (auto literal = IpAddress::Parse(host); literal && !transfer.any_address) {
      if (Status s = policy_.CheckAddress(*literal); !s.ok()) return s.error();
    }
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (remaining <= 0) return Error::Make("fetch_timeout", "the URL did not answer in time");

    CURL* curl = curl_easy_init();
    if (curl == nullptr) return Error::Make("fetch_failed", "cannot start an HTTP transfer");
    curl_slist* header_list = nullptr;
    for (const auto& [name, value] : headers) {
      header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
    }
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, full.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining));
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(request.max_response_bytes));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // decoded bytes still count to the cap
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Shortlist/0.1");
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
    if (method == "HEAD") {
      curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (method == "POST") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    } else if (method != "GET") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
      if (!body.empty()) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
      }
    }
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(header_list);
    curl_easy_cleanup(curl);

    // With several addresses curl may be refused one and connect to the next; only a failed
    // transfer is a refusal.
    if (code != CURLE_OK && !transfer.refusal.empty()) {
      return Error::Make("url_refused", transfer.refusal);
    }
    if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return Error::Make(
          "file_too_large",
          "the response is larger than " + std::to_string(request.max_response_bytes) + " bytes");
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return Error::Make("fetch_timeout", "the URL did not answer within " +
                                              std::to_string(request.timeout.count()) + " ms");
    }
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
      return Error::Make("invalid_url", "the URL is not valid");
    }
    if (code != CURLE_OK) {
      const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
      return Error::Make("fetch_failed", "fetching the URL failed: " + detail);
    }
    transfer.response.status = static_cast<int>(status);
    return std::move(transfer.response);
  }

  const AddressPolicy policy_;
};

}  // namespace

std::unique_ptr<HttpClient> NewCurlHttpClient(AddressPolicy policy) {
  return std::make_unique<CurlHttpClient>(std::move(policy));
}

}  // namespace shortlist::net
