// An output product (toolkit site, data packs, options reports, thematic
// report). Each registers itself in products/registry.cpp, so adding one is
// adding one file and one line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/fingerprints.hpp"
#include "core/fs.hpp"
#include "products/request.hpp"
#include "project.hpp"

namespace gpress {

struct ProductRun {
  const Project& project;
  const ProductRequest& options;
  const BuildPlan& plan;
  unsigned jobs;
  OutputSink& sink;
  /// What each output was last built from: a product asks before rendering
  /// and reuses the previous file when nothing it depends on changed.
  Fingerprints& fingerprints;
  std::function<void(const std::string&)> log;
  /// Programs this run started, by path and why, for the build's summary.
  std::vector<std::string> ran = {};
};

struct Product {
  std::string name;         ///< as on the command line
  std::string description;  ///< for --help
  /// Output roots this product replaces whole (relative to the project).
  std::vector<std::string> roots;
  /// Whether it reads data/*.csv (the toolkit does not).
  bool needs_practice_data = false;
  /// Whether this run of the product writes `path` (relative to the project,
  /// e.g. "private/practices/A81001/data-pack.html"). Files in its roots
  /// that no product of the run owns are carried over unchanged, so building
  /// packs keeps the options reports beside them, and `--practice` keeps
  /// every other practice's files.
  std::function<bool(const std::string& path, const ProductRequest&, const BuildPlan&)> owns;
  /// Checks what only this product needs (its templates, its data), and
  /// returns what it settled (the thematic report's quarter), which the build
  /// adds to the plan every product renders with.
  std::function<BuildPlan(const Project&, const ProductRequest&, Diagnostics&)> validate;
  /// Renders every output through run.sink.
  std::function<void(ProductRun&)> render;
  /// Optional: runs after the outputs are in place, for tools that read the
  /// finished tree (Pagefind). `changed` is whether any output of the build
  /// changed or went. What it makes goes to the sink's scratch folder and is
  /// put in place with replace_folder(), so that when it fails the whole
  /// commit is undone.
  std::function<void(ProductRun&, bool changed)> after_commit = nullptr;
  /// Whether the product keys each of its outputs by its own sources (the
  /// toolkit, where one edit touches few pages). Otherwise the build keys
  /// the product as a whole: when none of the project's sources changed since
  /// its last build, its outputs are kept without rendering any of them.
  bool keys_own_outputs = false;
  /// Whether the product renders in the background while the others render
  /// one after another. For a product whose work is mostly one long task
  /// (the thematic report's local-office workbook): alone, that task would
  /// leave a core idle at the end of the build.
  bool renders_alongside = false;
  /// Whether it makes documents per practice, so that each --practice must
  /// name a practice in the data (checked once by the build for all of them).
  bool per_practice = false;
  /// Whether it reads the menu of support (content/actions) and the maturity
  /// framework (data/themes.yaml), so that both must be there (checked once
  /// by the build for all of them).
  bool reads_menu_of_support = false;
  /// Whether it prints its documents to PDF when asked (--pdf, [pdf]
  /// enabled): the build settles that, and the browser, once for all of them.
  bool prints_pdf = false;
};

/// Every product, in build order.
const std::vector<Product>& products();

}  // namespace gpress
