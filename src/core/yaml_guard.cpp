#include "yaml_guard.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace llmos {
namespace {

// Events only: no node is built, so an alias is never expanded. The first
// refusal is thrown to stop the parse right there.
class Guard final : public YAML::EventHandler {
 public:
  explicit Guard(int max_depth) : max_depth_(max_depth) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { check_anchor(mark, anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    refuse("skill.yaml.alias", "YAML aliases (*name) are not allowed in front matter; write the value out",
           mark);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    check_anchor(mark, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { --depth_; }
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    refuse("skill.yaml.anchor", "YAML anchors (&" + name + ") are not allowed in front matter", mark);
  }

 private:
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    check_anchor(mark, anchor);
    if (++depth_ > max_depth_)
      refuse("skill.yaml.depth",
             "front matter nests deeper than " + std::to_string(max_depth_) + " levels of lists and mappings",
             mark);
  }
  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor)
      refuse("skill.yaml.anchor", "YAML anchors (&name) are not allowed in front matter", mark);
  }
  [[noreturn]] void refuse(std::string code, std::string message, const YAML::Mark& mark) {
    throw YamlRefusal{std::move(code), std::move(message), mark.is_null() ? 0 : mark.line,
                      mark.is_null() ? 0 : mark.column};
  }

  int max_depth_;
  int depth_ = 0;
};

}  // namespace

std::optional<YamlRefusal> refuse_unsafe_yaml(std::string_view yaml, int max_depth) {
  std::istringstream stream{std::string(yaml)};
  Guard guard(max_depth);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(guard)) {
    }
  } catch (const YamlRefusal& refusal) {
    return refusal;
  } catch (const YAML::Exception&) {
    // Syntax errors: the real parse reports them.
  }
  return std::nullopt;
}

}  // namespace llmos
