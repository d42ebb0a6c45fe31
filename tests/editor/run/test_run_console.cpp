#include "run_console.hpp"

#include <gtest/gtest.h>

namespace llmos::run {
namespace {

TEST(RunConsole, SplitsTextIntoLinesWithTheNodeAndStream) {
  RunConsole console;
  console.append(1, "vqe", "stdout", "iteration 1\niteration 2\n");
  console.append(1, "rc", "ngspice", "Note: No compatibility mode selected!\r\n");
  ASSERT_EQ(console.lines().size(), 3u);
  EXPECT_EQ(console.lines()[1].text, "iteration 2");
  EXPECT_EQ(console.lines()[2].node, "rc");
  EXPECT_EQ(console.lines()[2].stream, "ngspice");
  EXPECT_EQ(console.lines()[2].text, "Note: No compatibility mode selected!");
}

TEST(RunConsole, FiltersByTextNodeOrStreamIgnoringCase) {
  RunConsole console;
  console.append(1, "vqe", "stdout", "Energy -1.137");
  console.append(1, "plot", "stderr", "warning: empty series");
  console.append(1, "rc", "ngspice", "doAnalyses: TRAN");
  EXPECT_EQ(console.filtered("ENERGY").size(), 1u);
  EXPECT_EQ(console.filtered("stderr").size(), 1u);
  EXPECT_EQ(console.filtered("rc").size(), 1u);
  EXPECT_EQ(console.filtered("").size(), 3u);
  EXPECT_EQ(console.filtered("", "plot").front()->text, "warning: empty series");
  console.clear();
  EXPECT_TRUE(console.filtered("").empty());
  EXPECT_EQ(console.appended(), 3u);
}

TEST(RunConsole, KeepsOnlyTheNewestLines) {
  RunConsole console(3);
  for (int i = 0; i < 5; ++i) console.append(1, "n", "stdout", "line " + std::to_string(i));
  ASSERT_EQ(console.lines().size(), 3u);
  EXPECT_EQ(console.lines().front().text, "line 2");
}

}  // namespace
}  // namespace llmos::run
