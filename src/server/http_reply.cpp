#include "http_reply.hpp"

#include "llmos/hash.hpp"

#include <httplib.h>
#include <zlib.h>

namespace llmos::server {
namespace {

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  // A list of tags, possibly weak (W/"..."): compare each opaque tag.
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    std::size_t end = if_none_match.find(',', start);
    if (end == std::string::npos) end = if_none_match.size();
    std::string_view tag(if_none_match.data() + start, end - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    start = end + 1;
  }
  return false;
}

void send_shared(httplib::Response& response, std::shared_ptr<const std::string> body,
                 const std::string& mime) {
  // A content provider with a known length: cpp-httplib sends it as it is
  // (it would gzip a plain body again for text types) and copies nothing.
  const std::size_t size = body->size();
  if (size == 0) {
    response.set_content(std::string(), mime.c_str());
    return;
  }
  response.set_content_provider(
      size, mime.c_str(),
      [body = std::move(body)](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      });
}

}  // namespace

std::string gzip_text(const std::string& data, int level) {
  z_stream stream{};
  // 15 + 16: zlib window with a gzip header.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return status == Z_STREAM_END ? out : std::string{};
}

PreparedBody prepare_body(std::string body, std::string mime, bool compress) {
  PreparedBody out;
  // Appended piece by piece: GCC 12 warns (-Wrestrict) about "x" + std::string chains.
  out.etag.reserve(40);
  out.etag.append(1, '"').append(to_hex(hash_text(body))).append(1, '-').append(std::to_string(body.size()));
  out.etag.append(1, '"');
  out.mime = std::move(mime);
  if (compress && body.size() > 1024) {
    std::string packed = gzip_text(body);
    if (!packed.empty() && packed.size() < body.size() - body.size() / 10)
      out.gzip = std::make_shared<const std::string>(std::move(packed));
  }
  out.identity = std::make_shared<const std::string>(std::move(body));
  return out;
}

bool accepts_gzip(const httplib::Request& request) {
  const auto& accept = request.get_header_value("Accept-Encoding");
  const auto at = accept.find("gzip");
  if (at == std::string::npos) return false;
  const auto end = accept.find(',', at);
  const auto params = accept.substr(at, end == std::string::npos ? std::string::npos : end - at);
  return params.find("q=0") == std::string::npos || params.find("q=0.") != std::string::npos;
}

void reply_prepared(const httplib::Request& request, httplib::Response& response, const PreparedBody& body) {
  response.set_header("ETag", body.etag);
  response.set_header("Cache-Control", "no-cache");
  if (body.gzip) response.set_header("Vary", "Accept-Encoding");
  if (etag_matches(request.get_header_value("If-None-Match"), body.etag)) {
    response.status = 304;
    return;
  }
  if (body.gzip && accepts_gzip(request)) {
    response.set_header("Content-Encoding", "gzip");
    send_shared(response, body.gzip, body.mime);
  } else {
    send_shared(response, body.identity, body.mime);
  }
}

void reply_json(const httplib::Request& request, httplib::Response& response, int status, const json& body) {
  response.status = status;
  std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  text += '\n';
  if (request.method == "GET" || request.method == "HEAD") {
    reply_prepared(request, response, prepare_body(std::move(text), "application/json", true));
    return;
  }
  response.set_header("Cache-Control", "no-store");
  response.set_content(std::move(text), "application/json");
}

void reply_error(const httplib::Request& request, httplib::Response& response, const ApiError& error) {
  response.status = error.status;
  std::string text = error.to_json().dump(-1, ' ', false, json::error_handler_t::replace);
  text += '\n';
  (void)request;
  response.set_header("Cache-Control", "no-store");
  response.set_content(std::move(text), "application/json");
}

}  // namespace llmos::server
