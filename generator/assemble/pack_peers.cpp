// Practices like yours, the England deprivation decile and expected
// prevalence in a data pack: the figures (added to each practice's pack once
// the areas are in) and their words.
#include "assemble/pack_peers.hpp"

#include <cmath>

#include <fmt/format.h>

namespace gpress {
namespace {

using json = nlohmann::json;

std::string percent(double proportion) { return format_value(Unit::kPercent, 100.0 * proportion); }

// "diabetes mellitus register" from "Diabetes mellitus prevalence (QOF)", as
// the QOF prevalence import names its indicators.
std::string register_words(const Indicator& ind) {
  constexpr std::string_view kSuffix = " prevalence (QOF)";
  std::string name = ind.name;
  if (name.size() > kSuffix.size() && name.ends_with(kSuffix)) name.resize(name.size() - kSuffix.size());
  if (name.size() > 1 && !std::isupper(static_cast<unsigned char>(name[1])))  // keep "COPD", lower "Diabetes"
    name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name + " register";
}

// Whole patients below 100, tens from there: the model is not exact enough
// for more.
std::string about(double patients) {
  const double rounded = patients < 100 ? std::round(patients) : 10.0 * std::round(patients / 10.0);
  return format_number(rounded, 0);
}

std::string gap_words(const RegisterExpectation& x) {
  const std::string reg = register_words(*x.model->indicator);
  const std::string counts = fmt::format("{} expected, {} on the register",
                                         format_number(x.figures.expected * x.list, 0), format_count(x.on_register));
  if (std::abs(x.figures.gap) < 0.5)
    return fmt::format("About as many people are on the {} as its age profile and deprivation predict ({}).", reg,
                       counts);
  return fmt::format(
      "About {} {} people than are on the {} would be expected for a practice with this age profile and "
      "deprivation ({}).",
      about(std::abs(x.figures.gap)), x.figures.gap > 0 ? "more" : "fewer", reg, counts);
}

std::string model_words(const RegisterModel& m, const PracticeProfiles& profiles, const PackPage& page) {
  const analyse::PrevalenceModel& f = m.model;
  return fmt::format(
      "Expected from a model of every practice in {} ({} practices, {}): prevalence (%) = {:.2f} {} {:.3f} × share {} "
      "(%) {} {:.4f} × IMD score; R² {:.2f}. Practices with the same age profile and deprivation still differ by "
      "about ±{} (95%) beyond chance.",
      page.widest_area, format_number(static_cast<double>(f.practices), 0), m.period.str(), 100.0 * f.intercept,
      f.age < 0 ? "−" : "+", std::abs(f.age), profiles.age_band(), f.deprivation < 0 ? "−" : "+",
      std::abs(100.0 * f.deprivation), f.r_squared, percent(analyse::kZ95 * std::sqrt(f.between_variance)));
}

json area_row(const std::string& level, const std::string& name, const AreaFigures& a, const Indicator& ind,
              const std::string& against, Confidence confidence) {
  json row = json::object();
  row["level"] = level;
  row["name"] = name;
  row["value"] = a.value ? format_value(ind.unit, a.value) : "Not available";
  row["practices"] = format_number(static_cast<double>(a.practices), 0);
  json sig = json::object();
  sig["text"] = significance_text(a.significance, against, confidence);
  sig["token"] = significance_token(a.significance);
  row["significance"] = std::move(sig);
  return row;
}

std::string measure_text(const std::optional<double>& v, int decimals, bool share) {
  if (!v) return "Not published";
  return share ? format_number(100.0 * *v, decimals) + "%" : format_number(*v, decimals);
}

}  // namespace

// ---- Figures ----------------------------------------------------------------

void PackAnalysis::add_peer_figures(PracticePack& pack, std::size_t index) const {
  const auto& measures = profiles_.measures()[index];
  pack.profiles = &profiles_;
  pack.deprivation_decile = profiles_.deprivation_deciles()[index];
  pack.age_share = measures.age_share;
  const auto peers = profiles_.peer_space().nearest(index, peer_count_);
  for (const analyse::Peer& peer : peers)
    pack.peers.push_back({&data_.practices[peer.practice], peer.distance, profiles_.measures()[peer.practice]});

  for (std::size_t i = 0; i < indicators_.size(); ++i) {
    const IndicatorBuckets& ib = indicators_[i];
    IndicatorFigures& f = pack.indicators[i];
    const Indicator& ind = *ib.indicator;
    // Only the latest period is compared with practices like this one (the
    // page's area table): the peers' figures are scattered through memory,
    // and looking them up for every period would cost more than the rest of
    // the pack's figures together.
    if (!ib.buckets.empty()) {
      const Bucket& b = ib.buckets.back();
      PeriodFigures& pf = f.periods.back();
      const auto& ci = analyse::deciding_interval(data_.significance, pf.interval, pf.interval_998);
      const auto against = [&](std::optional<double> v) {
        return pf.value && ci ? analyse::compare(*ci, v, to_analyse(ind.polarity))
                              : analyse::Significance::kNotCompared;
      };
      if (!peers.empty()) {
        std::vector<analyse::Observation> group;
        for (const analyse::Peer& peer : peers)
          if (const Value* v = b.by_practice[peer.practice])
            group.push_back({peer.practice, v->value, v->numerator, v->denominator});
        const analyse::Comparator c = analyse::comparator_value(group, to_analyse(ind.unit), b.comparison.method);
        pf.like_yours.code = "peers";
        pf.like_yours.value = c.value;
        pf.like_yours.practices = c.practices;
        pf.like_yours.significance = against(c.value);
      }
      if (pack.deprivation_decile) {
        const analyse::Comparator& c = b.deciles[static_cast<std::size_t>(*pack.deprivation_decile - 1)];
        pf.same_decile.code = std::to_string(*pack.deprivation_decile);
        pf.same_decile.value = c.value;
        pf.same_decile.practices = c.practices;
        pf.same_decile.significance = against(c.value);
      }
    }
    if (const RegisterModel* m = profiles_.model(ind.id)) f.expected = profiles_.expected(*m, index);
  }
}

// ---- Words ------------------------------------------------------------------

json expected_json(const PracticePack& pack, const IndicatorFigures& f, const PackPage& page) {
  if (!f.expected || !pack.profiles) return nullptr;
  const RegisterExpectation& x = *f.expected;
  const analyse::ExpectedPrevalence& e = x.figures;
  json out = json::object();
  out["period"] = x.model->period.str();
  out["recorded"] = percent(e.recorded);
  out["value"] = percent(e.expected);
  out["range"] = fmt::format("{} to {}", percent(e.range.lower), percent(e.range.upper));
  switch (e.against) {
    case analyse::AgainstExpected::kBelow:
      out["token"] = "lower";
      out["text"] = "Significantly below expected";
      break;
    case analyse::AgainstExpected::kAbove:
      out["token"] = "higher";
      out["text"] = "Significantly above expected";
      break;
    case analyse::AgainstExpected::kSimilar:
      out["token"] = "similar";
      out["text"] = "Similar to expected";
      break;
  }
  out["gap"] = gap_words(x);
  out["model"] = model_words(*x.model, *pack.profiles, page);
  return out;
}

void add_peer_areas(json& areas, const PeriodFigures& pf, const Indicator& ind, const PackPage& page) {
  if (!pf.like_yours.code.empty())
    areas.push_back(area_row("Practices like yours", fmt::format("nearest in {}", page.widest_area), pf.like_yours, ind,
                             "practices like yours", page.significance));
  if (!pf.same_decile.code.empty())
    areas.push_back(area_row("Deprivation decile", fmt::format("{} of 10 in {}", pf.same_decile.code, page.widest_area),
                             pf.same_decile, ind, "deprivation decile " + pf.same_decile.code, page.significance));
}

json peers_json(const PracticePack& pack, const PackPage& page) {
  json out = json::object();
  const PracticeProfiles* profiles = pack.profiles;
  out["has_peers"] = !pack.peers.empty();
  out["count"] = std::to_string(pack.peers.size());
  out["age_band"] = profiles ? std::string(profiles->age_band()) : std::string();
  out["age_source"] = profiles ? profiles->age_source_text() : std::string();
  const Practice& p = *pack.practice;
  json self = json::object();
  self["list_size"] = p.list_size ? format_number(static_cast<double>(*p.list_size), 0) : "Not published";
  self["deprivation"] = measure_text(pack.deprivation, 1, false);
  self["age_share"] = measure_text(pack.age_share, 1, true);
  out["practice"] = std::move(self);
  json rows = json::array();
  for (const PracticePack::PeerFigures& peer : pack.peers) {
    json row = json::object();
    row["ods"] = peer.practice->ods_code;
    row["name"] = peer.practice->name;
    row["icb"] = peer.practice->icb_name.empty() ? peer.practice->icb_code : peer.practice->icb_name;
    row["list_size"] = measure_text(peer.measures.list_size, 0, false);
    row["deprivation"] = measure_text(peer.measures.deprivation, 1, false);
    row["age_share"] = measure_text(peer.measures.age_share, 1, true);
    row["distance"] = format_number(peer.distance, 2);
    rows.push_back(std::move(row));
  }
  out["rows"] = std::move(rows);
  out["widest_area"] = page.widest_area;
  return out;
}

}  // namespace gpress
