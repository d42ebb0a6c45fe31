// Writing responses: bodies prepared once (ETag computed, gzip done) and sent
// as they are to every request, 304 when the client already has them; JSON
// replies; the API's JSON errors.
#pragma once

#include "api_error.hpp"

#include <memory>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace llmos::server {

struct PreparedBody {
  std::shared_ptr<const std::string> identity;
  std::shared_ptr<const std::string> gzip;  // null when compressing does not pay
  std::string etag;                         // strong, quoted: "\"<16 hex>-<size>\""
  std::string mime;
};

// Hashes `body` for its ETag and gzips it once when `compress` and it is
// worth it (over 1 KiB and at least 10% smaller).
PreparedBody prepare_body(std::string body, std::string mime, bool compress);

// gzip with a gzip header, as Content-Encoding: gzip expects. Empty on failure.
std::string gzip_text(const std::string& data, int level = 9);

// Sends a prepared body: 304 when If-None-Match matches, the gzip form when
// the client accepts it, ETag and Cache-Control (revalidate every time, so a
// new build is seen at once and an unchanged file costs one 304).
void reply_prepared(const httplib::Request& request, httplib::Response& response, const PreparedBody& body);

// A JSON reply. GET replies go through prepare_body, so they get an ETag and
// a 304 on repeat too.
void reply_json(const httplib::Request& request, httplib::Response& response, int status, const json& body);

void reply_error(const httplib::Request& request, httplib::Response& response, const ApiError& error);

// Whether the request's Accept-Encoding allows gzip (and does not say q=0).
bool accepts_gzip(const httplib::Request& request);

}  // namespace llmos::server
