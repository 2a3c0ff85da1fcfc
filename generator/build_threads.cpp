#include "build_threads.hpp"

#include <exception>
#include <list>
#include <thread>

#include "core/parallel.hpp"

namespace gpress {
namespace {

// A product rendering on its own thread while the build goes on. Its
// messages are dropped (they would break into the others' progress line);
// what it throws is thrown again by finish().
class Alongside {
 public:
  Alongside(const Product& product, ProductRun& run) : product_(product) {
    run.log = nullptr;
    thread_ = std::thread([this, &run] {
      const auto start = BuildClock::now();
      try {
        product_.render(run);
      } catch (...) {
        error_ = std::current_exception();
      }
      seconds_ = seconds_since(start);
    });
  }
  Alongside(Alongside&&) = delete;
  ~Alongside() {
    if (thread_.joinable()) thread_.join();
  }
  /// Waits for the product and returns how long the wait was.
  double finish() {
    const auto start = BuildClock::now();
    thread_.join();
    if (error_) std::rethrow_exception(error_);
    return seconds_since(start);
  }
  const std::string& name() const { return product_.name; }
  double seconds() const { return seconds_; }

 private:
  const Product& product_;
  std::exception_ptr error_;
  double seconds_ = 0;
  std::thread thread_;
};

}  // namespace

unsigned build_jobs(const BuildOptions& options) { return options.jobs == 0 ? default_jobs() : options.jobs; }

void render_products(const std::vector<const Product*>& chosen, std::vector<ProductRun>& runs,
                     const std::function<bool(const Product&)>& skip, StageTimer& stage) {
  // Alone, a product has no one to render alongside of.
  const auto in_background = [&](const Product& p) { return p.renders_alongside && chosen.size() > 1; };
  std::list<Alongside> alongside;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (!skip(*chosen[i]) && in_background(*chosen[i])) alongside.emplace_back(*chosen[i], runs[i]);
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (!skip(*chosen[i]) && !in_background(*chosen[i])) stage(chosen[i]->name, [&] { chosen[i]->render(runs[i]); });
  for (auto& a : alongside) {
    const double waited = a.finish();
    stage.add(a.name() + " (alongside)", a.seconds());
    if (waited >= 0.005) stage.add("waiting for " + a.name(), waited);
  }
}

}  // namespace gpress
