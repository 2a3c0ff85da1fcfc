// The build's threading policy: how many threads, and which products render
// alongside the others.
//
// Every product renders with `jobs` threads of its own (parallel_for over its
// pages and practices). Products render one after another, except those that
// render alongside (Product::renders_alongside: mostly one long task, such as
// the thematic report's local-office workbook), which start first on a thread
// of their own and are waited for once the others are done, so that their
// long task does not leave a core idle at the end of the build.
#pragma once

#include <functional>
#include <vector>

#include "build.hpp"
#include "build_timer.hpp"
#include "products/product.hpp"

namespace gpress {

/// Worker threads: the options' jobs, or every core when 0.
unsigned build_jobs(const BuildOptions& options);

/// Renders chosen[i] with runs[i], except those `skip` says are kept whole.
/// Each product is a stage of the summary; one that rendered alongside is
/// "NAME (alongside)", and the time the build then waited for it, when
/// noticeable, "waiting for NAME". Throws what a product threw.
void render_products(const std::vector<const Product*>& chosen, std::vector<ProductRun>& runs,
                     const std::function<bool(const Product&)>& skip, StageTimer& stage);

}  // namespace gpress
