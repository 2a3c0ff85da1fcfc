// The build's caching policy: what it may keep from earlier builds instead of
// making again.
//
//   parsed content   `gpress serve` keeps it in memory; a command keeps it in
//                    .gpress/content, read before load and written after it
//                    when any file was parsed anew
//   whole products   the practice products (packs, options, thematic) are keyed
//                    as a whole by every source they read; when the key matches
//                    the last build's, their outputs are kept and not rendered
//   each output      the toolkit keys each page by its own sources itself
//                    (Product::keys_own_outputs), through the fingerprints
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "build.hpp"
#include "core/fingerprints.hpp"
#include "core/fs.hpp"
#include "products/product.hpp"

namespace gpress {

/// The parsed content a build starts from and leaves for the next one.
class ContentCacheInUse {
 public:
  /// `gpress serve`'s cache when it gave one; otherwise the one saved in
  /// .gpress/content, read on `jobs` threads.
  ContentCacheInUse(const BuildOptions& options, unsigned jobs);
  ContentCache* get() { return in_use_; }
  /// Saves what was parsed anew to .gpress/content (serve's stays in memory).
  void save_if_changed();
  /// The cache read from .gpress/content, for the build's working set.
  std::shared_ptr<const ContentCache> saved() const { return saved_; }

 private:
  std::filesystem::path folder_;
  std::shared_ptr<ContentCache> saved_;
  ContentCache* in_use_;
};

/// The products keyed as a whole in this build, their key, and the outputs
/// of theirs the last build made from the same sources.
struct WholeProductOutputs {
  std::vector<const Product*> products;
  std::uint64_t key = 0;  ///< 0 when no product is keyed as a whole
  /// Kept as the last build left them; empty when any source changed.
  std::vector<std::string> kept;
  const ProductRequest* request = nullptr;
  const BuildPlan* plan = nullptr;

  /// Whether `path` is an output of a product keyed as a whole.
  bool owns(const std::string& path) const;
  /// Whether `product`'s outputs are all kept, so it is not rendered.
  bool keeps(const Product& product) const { return !kept.empty() && !product.keys_own_outputs; }
};

/// Keys the products of `chosen` that are keyed as a whole and, when their
/// sources are those of the last build, hands their previous outputs to the
/// sink to keep (and says so in the log).
WholeProductOutputs keep_unchanged_outputs(const Project& project, const BuildOptions& options, const BuildPlan& plan,
                                           const std::vector<const Product*>& chosen, Fingerprints& fingerprints,
                                           StagedDiskSink& sink);

/// Records what each output of this build was made from, for the next build
/// to compare with, and saves the fingerprints.
void record_outputs(const WholeProductOutputs& whole, const StagedDiskSink& sink, Fingerprints& fingerprints);

}  // namespace gpress
