#include "api/mcp_api.h"

#include <algorithm>
#include <cctype>
#include <exception>

#include "api/handler_support.h"
#include "client/api_client.h"
#include "common/json_parse.h"
#include "http/wire.h"
#include "mcp/server.h"
#include "mcp/shortlist_tools.h"

namespace shortlist::api {
namespace {

using http::Caller;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::size_t kMaxBatch = 32;
constexpr std::size_t kMaxNestedBody = 64u << 20;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The tools' HTTP client: a request becomes a Request exactly as the server parses one from the
// wire, and is answered by the route's handler for `caller`.
class InProcessHttp : public net::HttpClient {
 public:
  InProcessHttp(const http::Router& router, const Caller& caller, std::string host)
      : router_(router), caller_(caller), host_(std::move(host)) {}

  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    const std::size_t scheme = request.url.find("://");
    const std::size_t slash =
        scheme == std::string::npos ? std::string::npos : request.url.find('/', scheme + 3);
    if (slash == std::string::npos) return Error::Make("invalid_url", "no path in " + request.url);
    std::string raw = request.method + " " + request.url.substr(slash) +
                      " HTTP/1.1\r\nHost: " + host_ +
                      "\r\nContent-Length: " + std::to_string(request.body.size()) + "\r\n";
    for (const auto& [name, value] : request.headers) {
      const std::string lower = Lower(name);
      if (lower == "host" || lower == "content-length") continue;
      raw += name + ": " + value + "\r\n";
    }
    raw += "\r\n" + request.body;
    auto parsed = http::ParseRequestBytes(raw, kMaxNestedBody, 64u << 10);
    if (!parsed.ok()) return Error::Make("fetch_failed", parsed.error().message);
    Response answer = Handle(*parsed);
    net::HttpResponse out;
    out.status = answer.status;
    out.body = std::move(answer.body);
    out.headers = std::move(answer.headers);
    out.headers.emplace_back("Content-Type", answer.content_type);
    out.final_url = request.url;
    return out;
  }

 private:
  Response Handle(Request& request) const {
    const http::Router::Match match = router_.Find(request.method, request.path);
    if (match.route == nullptr) {
      return http::ErrorResponse(match.path_known ? 405 : 404,
                                 "No endpoint for " + request.method + " " + request.path + ".");
    }
    if (match.route->authenticated && !caller_.principal.Allows(match.route->permission)) {
      return http::ErrorResponse(403, "This agent key lacks the '" + match.route->permission +
                                          "' permission needed for " + request.method + " " +
                                          request.path + ".");
    }
    request.path_params = match.params;
    try {
      return match.route->handler(request, match.route->authenticated ? &caller_ : nullptr);
    } catch (const std::exception&) {
      return http::ErrorResponse(500, "Internal server error.");
    }
  }

  const http::Router& router_;
  const Caller& caller_;
  const std::string host_;
};

// Streamable HTTP: the client lists what it accepts; SSE only when it asks for the stream and
// not for JSON (HireSquire's proxy sends Accept: application/json).
bool WantsEventStream(const Request& req) {
  const std::string accept = Lower(req.Header("accept"));
  return accept.find("text/event-stream") != std::string::npos &&
         accept.find("application/json") == std::string::npos;
}

Response JsonRpcAnswer(int status, const json& message, bool event_stream) {
  Response r;
  r.status = status;
  const std::string text = message.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!event_stream) {
    r.body = text;
    return r;
  }
  r.content_type = "text/event-stream";
  r.headers.emplace_back("Cache-Control", "no-cache");
  const json list = message.is_array() ? message : json::array({message});
  for (const json& m : list) {
    r.body +=
        "event: message\ndata: " + m.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
  }
  return r;
}

// The transport asks servers to refuse a browser page of another origin (DNS rebinding): an
// Origin header, when sent, must name this server (its Host, or --public-url).
bool OriginAllowed(const ApiContext& ctx, const Request& req) {
  std::string_view origin = req.Header("origin");
  if (origin.empty()) return true;
  const std::size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;
  const std::string_view authority = origin.substr(scheme + 3);
  if (authority == req.Header("host")) return true;
  const std::string& pub = ctx.public_url;
  const std::size_t pub_scheme = pub.find("://");
  return pub_scheme != std::string::npos &&
         std::string_view(pub).substr(pub_scheme + 3, authority.size()) == authority &&
         (pub.size() == pub_scheme + 3 + authority.size() ||
          pub[pub_scheme + 3 + authority.size()] == '/');
}

Response HandleMcp(const ApiContext& ctx, const http::Router& router, const Request& req,
                   const Caller& caller) {
  if (!OriginAllowed(ctx, req)) {
    return http::ErrorResponse(403, "The Origin header names another site.");
  }
  const bool sse = WantsEventStream(req);
  if (std::string_view version = req.Header("mcp-protocol-version"); !version.empty()) {
    const bool known =
        std::any_of(std::begin(mcp::kProtocolVersions), std::end(mcp::kProtocolVersions),
                    [&](const char* v) { return version == v; });
    if (!known) {
      return JsonRpcAnswer(
          400,
          mcp::JsonRpcError(nullptr, mcp::kInvalidRequest,
                            "Unsupported MCP-Protocol-Version: " + std::string(version)),
          false);
    }
  }
  const json message = ParseJsonOrDiscarded(req.body);
  if (message.is_discarded()) {
    return JsonRpcAnswer(
        400, mcp::JsonRpcError(nullptr, mcp::kParseError, "Parse error: the body is not JSON"),
        false);
  }
  if (message.is_array() && message.size() > kMaxBatch) {
    return JsonRpcAnswer(400,
                         mcp::JsonRpcError(nullptr, mcp::kInvalidRequest,
                                           "Invalid Request: at most 32 messages in a batch"),
                         false);
  }
  const std::string_view host = req.Header("host");
  InProcessHttp http(router, caller, host.empty() ? "localhost" : std::string(host));
  client::ClientConfig config;
  config.base_url = BaseUrl(ctx, req);
  config.token = "in-process";  // never checked: the caller is already authenticated
  client::ApiClient api(config, http);
  mcp::ShortlistToolsOptions options;
  options.local_files = false;
  options.default_wait = std::chrono::seconds(20);
  options.max_wait = std::chrono::seconds(25);
  mcp::ServerInfo info;
  info.instructions = mcp::kShortlistInstructions;
  mcp::McpServer server(info, mcp::ShortlistTools(api, options));
  std::optional<json> answer = server.Handle(message);
  if (!answer) {
    Response accepted;
    accepted.status = 202;
    return accepted;
  }
  return JsonRpcAnswer(200, *answer, sse);
}

}  // namespace

void AddMcpRoute(const ApiContext& ctx, http::Router* router) {
  // Slow: a tool may wait for a screening job.
  router->Add({"POST", "/api/v1/mcp",
               [&ctx, router](const Request& req, const Caller* caller) {
                 return HandleMcp(ctx, *router, req, *caller);
               },
               true, "", true});
}

}  // namespace shortlist::api
