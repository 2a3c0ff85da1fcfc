#include "assemble/options.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/thematic_input.hpp"
#include "core/parallel.hpp"

namespace gpress {

using json = nlohmann::json;

const PracticeOptions* OptionsAnalysis::find(std::string_view ods) const {
  auto it = std::lower_bound(
      practices.begin(), practices.end(), ods,
      [&](const PracticeOptions& p, std::string_view o) { return project->data.practices[p.practice].ods_code < o; });
  if (it == practices.end() || project->data.practices[it->practice].ods_code != ods) return nullptr;
  return &*it;
}

std::unique_ptr<OptionsAnalysis> prepare_options(const ProjectInputs& project, Diagnostics& diags) {
  auto a = std::make_unique<OptionsAnalysis>();
  a->project = &project;
  a->assessments = &project.assessments;
  a->actions = compile_actions(project.content.actions,
                               TriggerEnv{project.data, project.themes, a->assessments->team360_dimensions}, diags);
  validate_risk_config(project.config.risk, project.data, diags);
  return a;
}

void analyse_options(OptionsAnalysis& a, unsigned jobs) {
  const ProjectInputs& project = *a.project;
  a.cohort = std::make_unique<Cohort>(project.data, jobs);
  a.priority.weights = project.config.risk.weights;
  a.priority.as_of = latest_date_in_data(project, *a.assessments).value_or("");
  // Every practice is judged (its comparators need them all), but only the
  // programme's cohort of open practices gets a report and a rank among them.
  std::vector<RiskProfile> all = assess_cohort(*a.cohort, *a.assessments, project.config.risk, jobs);
  std::vector<std::size_t> members;
  std::vector<RiskProfile> risks;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (project.data.practices[i].published()) {
      members.push_back(i);
      risks.push_back(std::move(all[i]));
    }
  rank_profiles(risks);
  a.practices.assign(risks.size(), {});
  parallel_for(risks.size(), jobs, [&](std::size_t k) {
    const std::size_t i = members[k];
    PracticeOptions& p = a.practices[k];
    p.practice = i;
    p.risk = std::move(risks[k]);
    const std::string& ods = project.data.practices[i].ods_code;
    const auto maturity = a.assessments->latest_maturity(ods);
    const auto team360 = a.assessments->latest_team360(ods);
    p.support = decide_support(p.risk, maturity, team360, a.assessments->override_of(ods), project.config.support);
    for (Recommendation& r :
         recommend(a.actions, PracticeFacts{*a.cohort, i, *a.assessments, project.themes}, a.priority, p.support.level))
      (r.suits_level ? p.recommendations : p.not_at_level).push_back(std::move(r));
  });
  std::vector<std::vector<double>> scores(a.assessments->team360_dimensions.size());
  for (const auto& practice : project.data.practices)
    for (const Team360Score* s : a.assessments->latest_team360(practice.ods_code))
      scores[*a.assessments->team360_dimension(s->dimension)].push_back(s->score);
  a.team360_spread.clear();
  for (auto& v : scores) {
    std::sort(v.begin(), v.end());
    a.team360_spread.push_back(analyse::quartiles_of_sorted(v));
  }
}

std::unique_ptr<OptionsAnalysis> build_options_analysis(const ProjectInputs& project, unsigned jobs) {
  Diagnostics diags;
  auto a = prepare_options(project, diags);
  if (diags.has_errors()) throw InputError(diags);
  analyse_options(*a, jobs);
  return a;
}

std::size_t leading_count(const PracticeOptions& p, const Config& config) {
  return std::min(p.recommendations.size(), static_cast<std::size_t>(config.options.max_actions));
}

std::string options_report_path(std::string_view ods) {
  return fmt::format("private/practices/{}/options-report.html", ods);
}

namespace {

std::string one_decimal(double v) { return fmt::format("{:.1f}", v); }

json texts(const std::vector<std::string>& lines) {
  json out = json::array();
  for (const auto& l : lines) out.push_back({{"text", l}});
  return out;
}

std::string judgement_slug(Judgement j) {
  switch (j) {
    case Judgement::kMet: return "met";
    case Judgement::kNotMet: return "not-met";
    case Judgement::kNoData: return "no-data";
  }
  return "no-data";
}

std::string judgement_label(Judgement j) {
  switch (j) {
    case Judgement::kMet: return "Met";
    case Judgement::kNotMet: return "Not met";
    case Judgement::kNoData: return "No data";
  }
  return "No data";
}

json criteria_domains(const RiskProfile& risk, const RiskConfig& config) {
  json domains = json::array();
  for (Domain d : {Domain::kSafety, Domain::kWorkforce, Domain::kExternal, Domain::kOrganisational, Domain::kEfficiency,
                   Domain::kPatientExperience}) {
    json criteria = json::array();
    int met = 0;
    for (const NationalCriterion& c : national_criteria()) {
      if (c.domain != d) continue;
      const CriterionJudgement& j = risk.criteria[static_cast<std::size_t>(c.number - 1)];
      json evidence = json::array();
      for (const Evidence& e : j.evidence)
        evidence.push_back({{"text", e.text},
                            {"judgement", judgement_label(e.judgement)},
                            {"judgement_slug", judgement_slug(e.judgement)}});
      if (j.judgement == Judgement::kMet) ++met;
      const bool has_evidence = !evidence.empty();
      criteria.push_back({{"number", c.number},
                          {"title", std::string(c.title)},
                          {"judgement", judgement_label(j.judgement)},
                          {"judgement_slug", judgement_slug(j.judgement)},
                          {"met", j.judgement == Judgement::kMet},
                          {"weight", config.weights[static_cast<std::size_t>(c.number - 1)]},
                          {"evidence", std::move(evidence)},
                          {"has_evidence", has_evidence}});
    }
    domains.push_back({{"title", std::string(criteria_domain_title(d))},
                       {"slug", std::string(to_string(d))},
                       {"met", met},
                       {"criteria", std::move(criteria)}});
  }
  return domains;
}

json maturity_profile(const OptionsAnalysis& a, const std::string& ods) {
  const auto latest = a.assessments->latest_maturity(ods);
  json themes = json::array();
  std::string assessed_on;
  std::vector<const MaturityRating*> by_domain;
  for (const Theme& theme : a.project->themes) {
    // The latest rating of each of the theme's domains, found in one pass.
    by_domain.assign(theme.domains.size(), nullptr);
    for (const auto* m : latest)
      if (m->theme == theme.slug && m->domain >= 1 && static_cast<std::size_t>(m->domain) <= by_domain.size())
        by_domain[static_cast<std::size_t>(m->domain - 1)] = m;
    json domains = json::array();
    bool any = false;
    for (std::size_t d = 0; d < theme.domains.size(); ++d) {
      const MaturityRating* r = by_domain[d];
      json levels = json::array();
      for (std::size_t l = 0; l < 4; ++l) {
        json level = json::object();
        level["letter"] = std::string(1, kLevels[l]);
        level["current"] = r && r->level == kLevels[l];
        levels.push_back(std::move(level));
      }
      json entry = json::object();
      entry["number"] = d + 1;
      entry["title"] = theme.domains[d].title;
      entry["assessed"] = r != nullptr;
      entry["levels"] = std::move(levels);
      entry["level"] = "";
      entry["level_text"] = "";
      entry["concept"] = "";
      entry["assessed_on"] = "";
      if (r) {
        any = true;
        const auto li = static_cast<std::size_t>(maturity_rank(r->level) - 1);
        entry["level"] = std::string(1, r->level);
        entry["level_text"] = theme.domains[d].levels[li];
        entry["concept"] = theme.levels[li];
        entry["assessed_on"] = r->assessed_on;
        assessed_on = std::max(assessed_on, r->assessed_on);
      }
      domains.push_back(std::move(entry));
    }
    if (any)
      themes.push_back(
          {{"number", theme.number}, {"title", theme.title}, {"slug", theme.slug}, {"domains", std::move(domains)}});
  }
  const bool has_any = !themes.empty();
  return {{"has_any", has_any}, {"assessed_on", assessed_on}, {"themes", std::move(themes)}};
}

json team360_profile(const OptionsAnalysis& a, const std::string& ods) {
  json rows = json::array();
  std::string assessed_on;
  for (const Team360Score* s : a.assessments->latest_team360(ods)) {
    const auto& q = a.team360_spread[*a.assessments->team360_dimension(s->dimension)];
    std::string position = "within the middle half of the cohort";
    if (q && s->score < q->q1) position = "below the cohort's lower quartile";
    else if (q && s->score > q->q3) position = "above the cohort's upper quartile";
    // As spelt, but a name written all in lower case starts with a capital.
    std::string label = s->dimension;
    if (std::none_of(label.begin(), label.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) && label[0] >= 'a' &&
        label[0] <= 'z')
      label[0] = static_cast<char>(label[0] - 'a' + 'A');
    rows.push_back({{"dimension", label},
                    {"score", one_decimal(s->score)},
                    {"min", q ? one_decimal(q->min) : ""},
                    {"q1", q ? one_decimal(q->q1) : ""},
                    {"median", q ? one_decimal(q->median) : ""},
                    {"q3", q ? one_decimal(q->q3) : ""},
                    {"max", q ? one_decimal(q->max) : ""},
                    {"position", position},
                    // Places on a 1-5 scale as percentages, for the bar drawn in CSS.
                    {"score_pct", fmt::format("{:.0f}", (s->score - 1) * 25)},
                    {"q1_pct", q ? fmt::format("{:.0f}", (q->q1 - 1) * 25) : "0"},
                    {"iqr_pct", q ? fmt::format("{:.0f}", (q->q3 - q->q1) * 25) : "0"}});
    assessed_on = std::max(assessed_on, s->assessed_on);
  }
  const bool has_any = !rows.empty();
  return {{"has_any", has_any}, {"assessed_on", assessed_on}, {"dimensions", std::move(rows)}};
}

json intelligence_notes(const OptionsAnalysis& a, const std::string& ods) {
  json notes = json::array();
  for (const IntelligenceFlag* f : a.assessments->notes(ods))
    notes.push_back({{"recorded_on", f->recorded_on},
                     {"criterion", f->criterion},
                     {"criterion_title", std::string(national_criterion(f->criterion).title)},
                     {"flag", f->flag ? "yes" : "no"},
                     {"note", f->note}});
  const bool has_any = !notes.empty();
  return {{"has_any", has_any}, {"notes", std::move(notes)}};
}

json held_json(const Recommendation& r) {
  json held = json::array();
  for (const auto& h : r.held)
    held.push_back(
        {{"condition", h.condition}, {"evidence", h.evidence}, {"points", h.points}, {"points_text", h.points_text}});
  return held;
}

json action_json(const Recommendation& r, std::size_t order) {
  return json{{"order", order},
              {"title", r.page->title},
              {"slug", r.page->slug},
              {"summary", r.page->summary},
              {"menu", r.page->menu},
              {"menu_title", std::string(menu_title(r.page->menu))},
              {"gpfv_domain", r.page->gpfv_domain},
              {"gpfv_title", std::string(gpfv_domain_title(r.page->gpfv_domain))},
              {"levels", r.levels_text},
              {"priority", r.priority},
              {"total", r.total},
              {"held", held_json(r)}};
}

// The recommended actions in the report's three lists, and the improvement
// plan by GPFV domain.
struct ActionSections {
  json actions = json::array();  ///< the ones the report leads with
  json also = json::array();     ///< also considered
  json outside = json::array();  ///< triggered, but not for this support level
  json plan = json::array();
};

// The plan holds the actions the report leads with; the others are there to
// be agreed at the visit, in the plan's empty rows.
ActionSections action_sections(const PracticeOptions& p, const Config& config) {
  ActionSections out;
  const std::size_t leading = leading_count(p, config);
  std::map<std::string, json> by_domain;
  for (const auto& d : gpfv_domain_names()) by_domain[d] = json::array();
  for (std::size_t k = 0; k < p.recommendations.size(); ++k) {
    const Recommendation& r = p.recommendations[k];
    (k < leading ? out.actions : out.also).push_back(action_json(r, k + 1));
    if (k < leading && by_domain.count(r.page->gpfv_domain))
      by_domain[r.page->gpfv_domain].push_back({{"title", r.page->title}, {"slug", r.page->slug}});
  }
  for (const Recommendation& r : p.not_at_level) out.outside.push_back(action_json(r, 0));
  std::size_t number = 0;
  for (const auto& d : gpfv_domain_names()) {
    json& list = by_domain[d];
    const bool has_actions = !list.empty();
    out.plan.push_back({{"number", ++number},
                        {"title", std::string(gpfv_domain_title(d))},
                        {"slug", d},
                        {"actions", std::move(list)},
                        {"has_actions", has_actions}});
  }
  return out;
}

// "The 5 actions from the menu of support with the highest priority, highest
// first; 2 more are listed under also considered".
std::string actions_lead(std::size_t action_count, std::size_t also_count) {
  auto count_of = [](std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  std::string lead = fmt::format("The {} from the menu of support with the highest priority, highest first",
                                 count_of(action_count, "action", "actions"));
  if (also_count > 0)
    lead += fmt::format("; {} listed under also considered", count_of(also_count, "more is", "more are"));
  return lead;
}

// The highest risk score a practice can have.
int max_risk_score(const RiskConfig& risk) {
  int max_score = 0;
  for (int w : risk.weights) max_score += w;
  // Criteria 1 and 2 cannot both be met: one overall rating.
  return max_score - std::min(risk.weights[0], risk.weights[1]);
}

json practice_json(const Practice& practice) {
  return {{"ods_code", practice.ods_code},
          {"name", practice.name},
          {"postcode", practice.postcode},
          {"pcn_name", practice.pcn_name},
          {"sub_icb_name", practice.sub_icb_name},
          {"icb_name", practice.icb_name},
          {"list_size", practice.list_size ? format_value(static_cast<double>(*practice.list_size), Unit::kCount)
                                           : "not published"}};
}

json support_json(const SupportDecision& support) {
  return {{"level", std::string(to_string(support.level))},
          {"slug", std::string(slug_of(support.level))},
          {"reasons", texts(support.reasons)},
          {"overridden", support.overridden},
          {"rules_level", std::string(to_string(support.rules_level))},
          {"rules_reasons", texts(support.rules_reasons)}};
}

json risk_json(const OptionsAnalysis& a, const PracticeOptions& p) {
  const ProjectInputs& project = *a.project;
  const RiskConfig& config = project.config.risk;
  std::vector<std::string> top;
  for (int n : p.risk.met_by_weight(config)) top.push_back(fmt::format("{} {}", n, national_criterion(n).title));
  return {{"score", p.risk.score},
          {"max_score", max_risk_score(config)},
          {"criteria_met", p.risk.criteria_met},
          {"rank", p.risk.rank},
          {"practice_count", a.practices.size()},
          {"comparator",
           level_label(analyse::parse_level(config.comparator).value_or(analyse::Level::kEngland), project.data)},
          {"top", texts(top)},
          {"has_top", !top.empty()}};
}

}  // namespace

json options_context(const OptionsAnalysis& a, std::size_t index) {
  const ProjectInputs& project = *a.project;
  const PracticeOptions& p = a.practices.at(index);
  const Practice& practice = project.data.practices[p.practice];
  const Config& config = project.config;
  ActionSections sections = action_sections(p, config);
  const std::size_t action_count = sections.actions.size();
  const std::size_t also_count = sections.also.size(), outside_count = sections.outside.size();
  return {
      {"programme",
       {{"name", config.programme.name},
        {"local_office", config.programme.local_office},
        {"support_unit", config.programme.support_unit}}},
      {"language", config.site.language},
      {"page_title", fmt::format("Options report: {} ({})", practice.name, practice.ods_code)},
      {"generator", fmt::format("gpress {}", GPRESS_VERSION)},
      {"assets", "../assets/"},
      {"index_url", "../index.html"},
      {"data_pack_url", "data-pack.html"},
      {"widest_area", project.data.widest_area},
      {"practice", practice_json(practice)},
      {"support", support_json(p.support)},
      {"risk", risk_json(a, p)},
      {"domains", criteria_domains(p.risk, config.risk)},
      {"maturity", maturity_profile(a, practice.ods_code)},
      {"team360", team360_profile(a, practice.ods_code)},
      {"intelligence", intelligence_notes(a, practice.ods_code)},
      {"actions", std::move(sections.actions)},
      {"has_actions", action_count > 0},
      {"action_count", action_count},
      {"actions_lead", actions_lead(action_count, also_count)},
      {"max_actions", config.options.max_actions},
      {"priority_as_of", a.priority.as_of},
      {"also_considered", std::move(sections.also)},
      {"has_also_considered", also_count > 0},
      {"also_considered_count", also_count},
      {"not_at_level", std::move(sections.outside)},
      {"has_not_at_level", outside_count > 0},
      {"not_at_level_count", outside_count},
      {"plan", std::move(sections.plan)},
  };
}

}  // namespace gpress
