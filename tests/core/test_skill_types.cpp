// Port and node type names, the coercion table and value/type checks
// (src/core/skill.cpp).
#include "llmos/skill.hpp"

#include <gtest/gtest.h>

namespace llmos {
namespace {

TEST(PortTypeTest, NamesRoundTripAndAliasesResolve) {
  for (const auto& name : {"float", "int", "bool", "string", "enum", "color", "array", "object", "series",
                           "image", "scene", "svg", "netlist", "any"}) {
    const auto type = port_type_from_string(name);
    ASSERT_TRUE(type.has_value()) << name;
    EXPECT_EQ(to_string(*type), name);
  }
  EXPECT_EQ(port_type_from_string("number"), PortType::float_);
  EXPECT_EQ(port_type_from_string("integer"), PortType::int_);
  EXPECT_EQ(port_type_from_string("boolean"), PortType::bool_);
  EXPECT_FALSE(port_type_from_string("flaot").has_value());
}

TEST(PortTypeTest, CoercionTable) {
  EXPECT_TRUE(is_assignable(PortType::int_, PortType::float_));
  EXPECT_FALSE(is_assignable(PortType::float_, PortType::int_));
  EXPECT_TRUE(is_assignable(PortType::series, PortType::array));
  EXPECT_FALSE(is_assignable(PortType::array, PortType::series));
  EXPECT_TRUE(is_assignable(PortType::image, PortType::any));
  EXPECT_TRUE(is_assignable(PortType::any, PortType::netlist));
  EXPECT_TRUE(is_assignable(PortType::enum_, PortType::string));
  EXPECT_FALSE(is_assignable(PortType::scene, PortType::image));
  EXPECT_TRUE(is_assignable(PortType::series, PortType::object));
  EXPECT_TRUE(is_assignable(PortType::scene, PortType::object));
  EXPECT_TRUE(is_assignable(PortType::image, PortType::string));
  EXPECT_FALSE(is_assignable(PortType::string, PortType::image));
  EXPECT_FALSE(is_assignable(PortType::object, PortType::series));
}

TEST(PortTypeTest, ValuesMatchTypes) {
  EXPECT_TRUE(value_matches_type(json(3), PortType::float_));
  EXPECT_TRUE(value_matches_type(json(3.0), PortType::int_));
  EXPECT_FALSE(value_matches_type(json(3.5), PortType::int_));
  EXPECT_TRUE(value_matches_type(json("#ff8800"), PortType::color));
  EXPECT_FALSE(value_matches_type(json("orange"), PortType::color));
  EXPECT_TRUE(value_matches_type(json::parse(R"({"x":[0,1],"y":[2,3]})"), PortType::series));
  EXPECT_FALSE(value_matches_type(json::parse(R"({"x":[0,"a"],"y":[2,3]})"), PortType::series));
  EXPECT_FALSE(value_matches_type(json(true), PortType::string));
}

TEST(NodeTypeTest, NamesRoundTrip) {
  for (const auto& name : node_type_names()) EXPECT_EQ(to_string(*node_type_from_string(name)), name);
  EXPECT_FALSE(node_type_from_string("python").has_value());
}

}  // namespace
}  // namespace llmos
