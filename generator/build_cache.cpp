#include "build_cache.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/hash.hpp"
#include "core/text.hpp"

namespace gpress {
namespace {

// The practice products are keyed as a whole: every pack and report depends
// on all of the data (through its comparators), so one key of every source
// says whether any of them can have changed.
std::uint64_t sources_key(const Project& project, const BuildOptions& options, const BuildPlan& plan,
                          const std::vector<const Product*>& whole) {
  std::uint64_t h = hash_combine(hash_bytes(GPRESS_VERSION), project.settings_hash);
  for (const Product* p : whole) h = hash_combine(h, hash_bytes(p->name));
  h = hash_combine(h, hash_folder(project.root / "data"));
  h = hash_combine(h, project.templates.fingerprint_all());
  // Of the content, they read the menu of support only (toolkit items are
  // the toolkit's), so an edit to an item leaves them as they are.
  for (const Page& action : project.content.actions)
    h = hash_combine(hash_combine(h, hash_bytes(action.path)), action.file_hash);
  for (const std::string* choice : {&options.quarter, &plan.thematic_quarter, &options.audience})
    h = hash_combine(h, hash_bytes(*choice));
  h = hash_combine(h, hash_bytes(plan.pdf ? "pdf" : ""));
  for (const auto& ods : options.practices) h = hash_combine(h, hash_bytes(ods));
  return h;
}

// The outputs the previous build made for `whole` and their key; empty when
// any of them was made from other sources or is no longer there.
std::vector<std::string> kept_outputs(const Fingerprints& fingerprints, const fs::path& root,
                                      const WholeProductOutputs& whole) {
  std::vector<std::string> outputs;
  for (const std::string* path : fingerprints.previous_outputs()) {
    if (!whole.owns(*path)) continue;
    std::error_code ec;
    if (fingerprints.previous_inputs(*path) != whole.key || !fs::is_regular_file(root / *path, ec)) return {};
    outputs.push_back(*path);
  }
  return outputs;
}

std::string join_names(const std::vector<const Product*>& products) {
  std::vector<std::string> names;
  for (const Product* p : products) names.push_back(p->name);
  return join(names);
}

}  // namespace

ContentCacheInUse::ContentCacheInUse(const BuildOptions& options, unsigned jobs)
    : folder_(options.project / ".gpress/content"),
      saved_(std::make_shared<ContentCache>()),
      in_use_(options.content_cache ? options.content_cache : saved_.get()) {
  if (in_use_ == saved_.get()) *saved_ = ContentCache::read(folder_, jobs);
}

void ContentCacheInUse::save_if_changed() {
  if (in_use_ == saved_.get() && saved_->changed()) saved_->write(folder_);
}

bool WholeProductOutputs::owns(const std::string& path) const {
  return std::any_of(products.begin(), products.end(),
                     [&](const Product* p) { return p->owns(path, *request, *plan); });
}

WholeProductOutputs keep_unchanged_outputs(const Project& project, const BuildOptions& options, const BuildPlan& plan,
                                           const std::vector<const Product*>& chosen, Fingerprints& fingerprints,
                                           StagedDiskSink& sink) {
  WholeProductOutputs whole;
  whole.request = &options;
  whole.plan = &plan;
  for (const Product* p : chosen)
    if (!p->keys_own_outputs) whole.products.push_back(p);
  if (whole.products.empty()) return whole;
  whole.key = sources_key(project, options, plan, whole.products);
  whole.kept = kept_outputs(fingerprints, options.project, whole);
  for (const auto& path : whole.kept) {
    fingerprints.inputs_unchanged(path, whole.key);
    sink.reuse(path);
  }
  if (!whole.kept.empty() && options.log)
    options.log(fmt::format("{}: no source changed, {} files kept", join_names(whole.products), whole.kept.size()));
  return whole;
}

void record_outputs(const WholeProductOutputs& whole, const StagedDiskSink& sink, Fingerprints& fingerprints) {
  for (const std::string* path : sink.produced()) fingerprints.record_output(*path, whole.owns(*path) ? whole.key : 0);
  for (const auto& path : sink.removed()) fingerprints.forget(path);
  fingerprints.save();
}

}  // namespace gpress
