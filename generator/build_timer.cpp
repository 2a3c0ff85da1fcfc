#include "build_timer.hpp"

namespace gpress {

double seconds_since(BuildClock::time_point start) {
  return std::chrono::duration<double>(BuildClock::now() - start).count();
}

}  // namespace gpress
