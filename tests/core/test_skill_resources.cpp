// Agent Skills folders: a folder holding SKILL.md is one skill, its other
// files are resources. Fixture: tests/data/agent_skills (shaped like a public
// Agent Skills repository) and tests/data/bad_agent_skills.
#include "llmos/skill_resources.hpp"

#include "llmos/media_type.hpp"
#include "llmos/skill_library.hpp"
#include "llmos/skill_parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace llmos {
namespace {

namespace fs = std::filesystem;

const std::string kTree = "tests/data/agent_skills";
const std::string kPdf = kTree + "/document-skills/pdf-forms/SKILL.md";

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> paths_of(const std::vector<SkillResource>& resources) {
  std::vector<std::string> out;
  for (const auto& resource : resources) out.push_back(resource.path);
  return out;
}

TEST(AgentSkillsFolders, OnlySkillMdFilesAreSkillFiles) {
  EXPECT_EQ(skill_files_under(kTree), (std::vector<std::string>{
                                          kTree + "/brand-kit/SKILL.md",
                                          kTree + "/document-skills/pdf-forms/SKILL.md",
                                          kTree + "/document-skills/slide-deck/SKILL.md",
                                          kTree + "/generative-art/SKILL.md",
                                          kTree + "/template-skill/SKILL.md",
                                      }));
  // A volume that is one skill folder.
  EXPECT_EQ(skill_files_under(kTree + "/document-skills/pdf-forms"), (std::vector<std::string>{kPdf}));
}

TEST(AgentSkillsFolders, TheTreeLoadsWithoutDiagnostics) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory(kTree, Volume::system, diagnostics);
  EXPECT_EQ(diagnostics.size(), 0u) << (diagnostics.size() ? format(*diagnostics.begin()) : "");
  EXPECT_EQ(library.ids(), (std::vector<std::string>{"brand-kit", "generative-art", "pdf-forms", "slide-deck",
                                                     "template-skill"}));
  const auto* template_skill = library.find("template-skill");
  ASSERT_NE(template_skill, nullptr);
  EXPECT_TRUE(template_skill->resources.empty());
}

TEST(AgentSkillsFolders, ResourcesAreListedWithPathSizeAndMediaType) {
  Diagnostics diagnostics;
  const auto skill = parse_skill_file(kPdf, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_EQ(paths_of(skill.resources),
            (std::vector<std::string>{"forms.md", "reference.md", "scripts/fill_fields.py",
                                      "scripts/list_fields.py"}));
  const fs::path folder = fs::path(kPdf).parent_path();
  for (const auto& resource : skill.resources)
    EXPECT_EQ(resource.size, file_text(folder / resource.path).size()) << resource.path;
  EXPECT_EQ(skill.resources[1].media_type, "text/markdown; charset=utf-8");
  EXPECT_EQ(skill.resources[2].media_type, "text/x-python; charset=utf-8");

  const auto deck = parse_skill_file(kTree + "/document-skills/slide-deck/SKILL.md", diagnostics);
  EXPECT_EQ(paths_of(deck.resources), (std::vector<std::string>{"ooxml/ooxml.md", "ooxml/schemas/slide.xsd",
                                                                "templates/title-and-content.xml"}));
  EXPECT_EQ(deck.resources[1].media_type, "application/xml");
  // A skill text parsed on its own (an upload) has no folder, so no resources.
  EXPECT_TRUE(parse_skill(file_text(kPdf), "skills/pdf-forms.md", diagnostics).resources.empty());
}

TEST(AgentSkillsFolders, HiddenFilesAreNotResources) {
  // The tree's .claude-plugin folder is at the top, outside every skill;
  // a hidden file inside a skill folder is skipped too.
  Diagnostics diagnostics;
  const auto kit = parse_skill_file(kTree + "/brand-kit/SKILL.md", diagnostics);
  EXPECT_EQ(paths_of(kit.resources),
            (std::vector<std::string>{"LICENSE.txt", "assets/palette.json", "assets/swatch.png"}));
  EXPECT_EQ(kit.resources[2].media_type, "image/png");
}

TEST(AgentSkillsFolders, ReadsAListedResourceAsItsBytes) {
  Diagnostics diagnostics;
  const auto skill = parse_skill_file(kPdf, diagnostics);
  std::string error;
  const auto text = read_skill_resource(kPdf, skill.resources, "scripts/fill_fields.py", error);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(*text, file_text(fs::path(kPdf).parent_path() / "scripts/fill_fields.py"));
  EXPECT_NE(text->find("def fill(form, values_path, out):"), std::string::npos);
}

TEST(AgentSkillsFolders, RefusesPathsThatAreNotListedResources) {
  Diagnostics diagnostics;
  const auto skill = parse_skill_file(kPdf, diagnostics);
  for (const std::string path :
       {"../../brand-kit/SKILL.md", "/etc/passwd", "SKILL.md", "scripts/../reference.md", "./forms.md",
        "scripts", "", "reference.md/", "REFERENCE.md"}) {
    std::string error;
    EXPECT_FALSE(read_skill_resource(kPdf, skill.resources, path, error)) << path;
    EXPECT_EQ(error, "'" + path + "' is not a resource of this skill");
  }
}

TEST(AgentSkillsFolders, AFileInsideASkillFolderBelongsToIt) {
  EXPECT_EQ(owning_skill_file(kTree + "/document-skills/pdf-forms/scripts/fill_fields.py"),
            (fs::absolute(kPdf).lexically_normal().string()));
  EXPECT_EQ(owning_skill_file(kPdf), std::nullopt);
  EXPECT_EQ(owning_skill_file(kTree + "/README.md"), std::nullopt);
}

TEST(AgentSkillsFolders, ABrokenSkillMdIsStillAnErrorAndItsResourcesAreNot) {
  SkillLibrary library;
  Diagnostics diagnostics;
  library.load_directory("tests/data/bad_agent_skills", Volume::system, diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  const auto& only = *diagnostics.begin();
  EXPECT_EQ(only.code, "skill.frontmatter.missing");
  EXPECT_EQ(only.where.file, "tests/data/bad_agent_skills/broken-notes/SKILL.md");
  EXPECT_EQ(library.ids(), (std::vector<std::string>{"good-notes"}));
}

#ifndef __EMSCRIPTEN__  // symlinks on the real disk; NODERAWFS does not model them the same way
TEST(AgentSkillsFolders, SymlinksAreNeitherListedNorFollowed) {
  const auto root =
      fs::temp_directory_path() /
      ("llmos-skill-links-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::remove_all(root);
  fs::create_directories(root / "outside");
  fs::create_directories(root / "skill" / "docs");
  std::ofstream(root / "outside" / "secret.txt") << "secret";
  std::ofstream(root / "skill" / "SKILL.md") << "---\nname: linked\ndescription: d\n---\n# Linked\n";
  std::ofstream(root / "skill" / "docs" / "guide.md") << "# Guide\n";
  fs::create_symlink(root / "outside" / "secret.txt", root / "skill" / "secret.txt");
  fs::create_directory_symlink(root / "outside", root / "skill" / "more");

  const auto skill_file = (root / "skill" / "SKILL.md").string();
  Diagnostics diagnostics;
  const auto skill = parse_skill_file(skill_file, diagnostics);
  EXPECT_EQ(paths_of(skill.resources), (std::vector<std::string>{"docs/guide.md"}));

  // A listed folder swapped for a symlink after listing is refused.
  fs::remove_all(root / "skill" / "docs");
  fs::create_directory_symlink(root / "outside", root / "skill" / "docs");
  std::ofstream(root / "outside" / "guide.md") << "# Outside\n";
  std::string error;
  EXPECT_FALSE(read_skill_resource(skill_file, skill.resources, "docs/guide.md", error));
  EXPECT_EQ(error, "resource 'docs/guide.md' is now behind a symlink; refusing to follow it");
  fs::remove_all(root);
}
#endif

TEST(MediaTypes, ByExtension) {
  EXPECT_EQ(media_type_of("reference.md"), "text/markdown; charset=utf-8");
  EXPECT_EQ(media_type_of("llmos.wasm"), "application/wasm");
  EXPECT_EQ(media_type_of("worker.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(media_type_of("schema.xsd"), "application/xml");
  EXPECT_EQ(media_type_of("Makefile"), "application/octet-stream");
}

}  // namespace
}  // namespace llmos
