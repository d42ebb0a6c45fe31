#include "history.hpp"

#include <git2.h>

#include <memory>
#include <mutex>

namespace llmos::server {
namespace {

// libgit2 handles, freed by their own free function.
template <typename T, void (*Free)(T*)>
struct Handle {
  T* ptr = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (ptr) Free(ptr);
  }
  T** out() { return &ptr; }
  T* get() const { return ptr; }
};
using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Index = Handle<git_index, git_index_free>;
using Signature = Handle<git_signature, git_signature_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;
using Object = Handle<git_object, git_object_free>;
using Patch = Handle<git_patch, git_patch_free>;

void init_libgit2_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Objects and refs reach the disk before a commit is reported as saved.
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
  });
}

std::string last_git_error(const std::string& what) {
  const git_error* error = git_error_last();
  return what + ": " + (error && error->message ? error->message : "unknown libgit2 error");
}

std::string oid_text(const git_oid* oid) {
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof(text), oid);
  return text;
}

// The blob id of `path` in `commit`'s tree; nullopt when absent.
std::optional<git_oid> blob_in(git_commit* commit, const std::string& path) {
  Tree tree;
  if (git_commit_tree(tree.out(), commit) != 0) return std::nullopt;
  TreeEntry entry;
  if (git_tree_entry_bypath(entry.out(), tree.get(), path.c_str()) != 0) return std::nullopt;
  return *git_tree_entry_id(entry.get());
}

// A committer/author name git accepts (no angle brackets or newlines).
std::string clean_name(const std::string& name) {
  std::string out;
  for (char c : name)
    if (c != '<' && c != '>' && c != '\n' && c != '\r') out += c;
  return out.empty() ? "llmos" : out;
}

}  // namespace

json Version::to_json() const {
  json out = json::object();
  out["commit"] = commit;
  out["message"] = message;
  out["author"] = author;
  out["time"] = time;
  out["change"] = change;
  return out;
}

struct History::Impl {
  git_repository* repo = nullptr;
  ~Impl() {
    if (repo) git_repository_free(repo);
  }

  Outcome<git_commit*> lookup(const std::string& spec) {
    Object object;
    if (git_revparse_single(object.out(), repo, (spec + "^{commit}").c_str()) != 0)
      return not_found("history.unknown_version", "no version '" + spec + "' in this history");
    git_commit* commit = nullptr;
    if (git_commit_lookup(&commit, repo, git_object_id(object.get())) != 0)
      return not_found("history.unknown_version", "no version '" + spec + "' in this history");
    return commit;
  }
};

History::History(Impl* impl) : impl_(impl) {}
History::History(History&& other) noexcept : impl_(other.impl_) { other.impl_ = nullptr; }
History& History::operator=(History&& other) noexcept {
  std::swap(impl_, other.impl_);
  return *this;
}
History::~History() { delete impl_; }

Outcome<History> History::open(const std::filesystem::path& workdir) {
  init_libgit2_once();
  auto impl = std::make_unique<Impl>();
  std::error_code error;
  if (std::filesystem::exists(workdir / ".git", error)) {
    if (git_repository_open_ext(&impl->repo, workdir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
      return internal_error(last_git_error("cannot open the history in " + workdir.string()));
  } else {
    std::filesystem::create_directories(workdir, error);
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = "main";
    if (git_repository_init_ext(&impl->repo, workdir.c_str(), &options) != 0)
      return internal_error(last_git_error("cannot create a history in " + workdir.string()));
  }
  return History(impl.release());
}

Outcome<std::string> History::commit_file(const std::string& relative_path, const std::string& author,
                                          const std::string& message) {
  git_repository* repo = impl_->repo;
  Index index;
  if (git_repository_index(index.out(), repo) != 0)
    return internal_error(last_git_error("cannot read the index"));
  std::error_code error;
  const auto workdir = std::filesystem::path(git_repository_workdir(repo));
  const bool exists =
      std::filesystem::is_regular_file(std::filesystem::symlink_status(workdir / relative_path, error));
  const int staged = exists ? git_index_add_bypath(index.get(), relative_path.c_str())
                            : git_index_remove_bypath(index.get(), relative_path.c_str());
  if (staged != 0 || git_index_write(index.get()) != 0)
    return internal_error(last_git_error("cannot stage " + relative_path));
  git_oid tree_id;
  if (git_index_write_tree(&tree_id, index.get()) != 0)
    return internal_error(last_git_error("cannot write a tree"));
  Tree tree;
  if (git_tree_lookup(tree.out(), repo, &tree_id) != 0)
    return internal_error(last_git_error("cannot read a tree"));

  Commit parent;
  git_oid head_id;
  const bool has_head = git_reference_name_to_id(&head_id, repo, "HEAD") == 0;
  if (has_head && git_commit_lookup(parent.out(), repo, &head_id) != 0)
    return internal_error(last_git_error("cannot read HEAD"));
  // Saving what is already there makes no commit: the answer is the file's
  // own latest version, the one its history lists first (what a client
  // compares before its next save; an empty commit would never be listed).
  if (has_head && git_oid_equal(&tree_id, git_commit_tree_id(parent.get()))) {
    auto latest = versions(relative_path, 1);
    if (!latest) return latest.error();
    return latest->empty() ? oid_text(&head_id) : latest->front().commit;
  }

  Signature author_signature;
  Signature committer;
  const std::string author_name = clean_name(author);
  if (git_signature_now(author_signature.out(), author_name.c_str(),
                        (author_name + "@llmos.local").c_str()) != 0 ||
      git_signature_now(committer.out(), "llmos serve", "llmos@llmos.local") != 0)
    return internal_error(last_git_error("cannot make a signature"));
  const git_commit* parents[] = {parent.get()};
  git_oid commit_id;
  if (git_commit_create(&commit_id, repo, "HEAD", author_signature.get(), committer.get(), "UTF-8",
                        message.c_str(), tree.get(), has_head ? 1 : 0, parents) != 0)
    return internal_error(last_git_error("cannot commit " + relative_path));
  return oid_text(&commit_id);
}

Outcome<std::vector<Version>> History::versions(const std::string& relative_path, std::size_t limit) {
  git_repository* repo = impl_->repo;
  std::vector<Version> out;
  if (git_repository_head_unborn(repo) == 1) return out;
  Revwalk walk;
  if (git_revwalk_new(walk.out(), repo) != 0 || git_revwalk_push_head(walk.get()) != 0)
    return internal_error(last_git_error("cannot walk the history"));
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git_oid id;
  while (out.size() < limit && git_revwalk_next(&id, walk.get()) == 0) {
    Commit commit;
    if (git_commit_lookup(commit.out(), repo, &id) != 0) continue;
    const auto now = blob_in(commit.get(), relative_path);
    std::optional<git_oid> before;
    if (git_commit_parentcount(commit.get()) > 0) {
      Commit parent;
      if (git_commit_parent(parent.out(), commit.get(), 0) == 0)
        before = blob_in(parent.get(), relative_path);
    }
    if (now.has_value() == before.has_value() && (!now || git_oid_equal(&*now, &*before))) continue;
    Version version;
    version.commit = oid_text(&id);
    version.message = git_commit_summary(commit.get()) ? git_commit_summary(commit.get()) : "";
    const git_signature* author = git_commit_author(commit.get());
    version.author = author && author->name ? author->name : "";
    version.time = static_cast<std::int64_t>(git_commit_time(commit.get()));
    version.change = !before ? "added" : !now ? "deleted" : "modified";
    out.push_back(std::move(version));
  }
  return out;
}

Outcome<std::string> History::resolve(const std::string& commit) {
  auto found = impl_->lookup(commit);
  if (!found) return found.error();
  std::string id = oid_text(git_commit_id(*found));
  git_commit_free(*found);
  return id;
}

Outcome<std::optional<std::string>> History::content_at(const std::string& commit_spec,
                                                        const std::string& relative_path) {
  auto found = impl_->lookup(commit_spec);
  if (!found) return found.error();
  Commit commit;
  *commit.out() = *found;
  const auto blob_id = blob_in(commit.get(), relative_path);
  if (!blob_id) return std::optional<std::string>{};
  Blob blob;
  if (git_blob_lookup(blob.out(), impl_->repo, &*blob_id) != 0)
    return internal_error(last_git_error("cannot read " + relative_path));
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::optional<std::string>(
      std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get()))));
}

Outcome<std::string> History::diff(const std::string& relative_path, const std::string& from,
                                   const std::string& to) {
  git_repository* repo = impl_->repo;
  if (git_repository_head_unborn(repo) == 1)
    return not_found("history.unknown_version", "this history has no versions yet");
  auto to_commit = impl_->lookup(to.empty() ? "HEAD" : to);
  if (!to_commit) return to_commit.error();
  Commit newer;
  *newer.out() = *to_commit;
  Commit older;
  if (!from.empty()) {
    auto from_commit = impl_->lookup(from);
    if (!from_commit) return from_commit.error();
    *older.out() = *from_commit;
  } else if (git_commit_parentcount(newer.get()) > 0) {
    git_commit_parent(older.out(), newer.get(), 0);
  }
  Blob old_blob;
  Blob new_blob;
  if (older.get())
    if (const auto id = blob_in(older.get(), relative_path)) git_blob_lookup(old_blob.out(), repo, &*id);
  if (const auto id = blob_in(newer.get(), relative_path)) git_blob_lookup(new_blob.out(), repo, &*id);
  Patch patch;
  // libgit2 adds the a/ and b/ prefixes itself.
  if (git_patch_from_blobs(patch.out(), old_blob.get(), relative_path.c_str(), new_blob.get(),
                           relative_path.c_str(), nullptr) != 0)
    return internal_error(last_git_error("cannot diff " + relative_path));
  git_buf buffer = GIT_BUF_INIT;
  if (git_patch_to_buf(&buffer, patch.get()) != 0)
    return internal_error(last_git_error("cannot print a diff"));
  std::string text(buffer.ptr ? buffer.ptr : "", buffer.size);
  git_buf_dispose(&buffer);
  return text;
}

}  // namespace llmos::server
