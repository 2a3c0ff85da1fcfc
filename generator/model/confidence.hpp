// The two confidence levels Fingertips shows side by side. Every value with
// an interval has both; gpress.toml's [packs] significance says which one
// decides whether a practice is significantly better or worse.
#pragma once

namespace gpress {

enum class Confidence { k95, k998 };

}  // namespace gpress
