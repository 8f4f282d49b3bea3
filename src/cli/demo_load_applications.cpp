// `demo load`: the 2027 网上报名 of the demo school (the demo school user's, the first primary school by code):
// 24 families' applications with the facts behind each tier of the national profile — two families naming the
// same home (flagged under a profile with the one-household rule, e.g. jinhua), 随迁子女 families short of a
// document — of which 14 are approved, 3 returned with a reason and 7 wait for review. The demo parent's younger child (born 2021, linked to the parent account) has not applied
// yet, so the form can be tried. Loading again adds nothing.
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/demo_load.hpp"
#include "core/id_number.hpp"
#include "core/time_util.hpp"
#include "demo/names.hpp"
#include "demo/rng.hpp"
#include "enroll/applications.hpp"

namespace youjun::cli {

namespace {

// A valid ID number of a child of the demo's first district born on `date` (YYYYMMDD).
std::string child_id_number(const std::string& date, int sequence) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "330602%s%03d", date.c_str(), sequence % 1000);
  return std::string(first17) + id_number_check_char(first17);
}

}  // namespace

std::string demo_preschool_child() { return child_id_number("20210315", 517); }

int load_demo_applications(store::Connection& db, const PersonalDataKey& key) {
  auto existing = db.query("SELECT COUNT(*) FROM enroll_applications");
  if (!existing) return fail(existing.error().message);
  if ((*existing)[0].integer(0) > 0) return kExitOk;
  auto school = db.query("SELECT code FROM schools WHERE level IN ('primary','nine_year') ORDER BY code LIMIT 1");
  if (!school) return fail(school.error().message);
  if (school->empty()) return kExitOk;
  const std::string code = (*school)[0].text(0);
  struct Pattern {
    const char* facts[3];
    std::vector<std::string> documents;
  };
  // Tier 1 户籍与房产, 2 房产, 3 户籍, 4 租房+居住证, 5 随迁子女 with every document, and one without a tier.
  const Pattern patterns[] = {{{"hukou_in_catchment", "owns_home_in_catchment", nullptr}, {}},
                              {{"owns_home_in_catchment", nullptr, nullptr}, {}},
                              {{"hukou_in_catchment", nullptr, nullptr}, {}},
                              {{"rents_in_catchment", "residence_permit", nullptr}, {}},
                              {{"migrant", nullptr, nullptr}, {"居住证", "就业或经营证明", "社会保险缴纳证明"}},
                              {{"migrant", nullptr, nullptr}, {"居住证"}}};
  const int64_t now = now_unix();
  demo::Rng rng(20270401);
  int approved = 0, returned = 0;
  for (int i = 0; i < 24; ++i) {
    const Pattern& p = patterns[i % 6];
    bool male = rng.chance(0.5);
    char date[9];
    std::snprintf(date, sizeof date, "2020%02d%02d", 9 + i % 4, 1 + i % 28);
    if (i % 2) std::snprintf(date, sizeof date, "2021%02d%02d", 1 + i % 8, 1 + (i * 7) % 28);
    std::string id = child_id_number(date, 2 * i + (male ? 1 : 0));
    enroll::ApplicationForm form;
    form.child_name = demo::person_name(rng, male, demo::Generation::Child);
    form.school_id = code;
    for (const char* fact : p.facts)
      if (fact) form.facts[fact] = true;
    form.documents = p.documents;
    char household[16], home[16];
    std::snprintf(household, sizeof household, "HH%04d", i + 1);
    std::snprintf(home, sizeof home, "HOME%04d", i == 6 ? 1 : i + 1);  // family 7 names family 1's home
    form.household_id = household;
    if (form.facts.count("owns_home_in_catchment")) form.home_id = home;
    char username[24];
    std::snprintf(username, sizeof username, "demo-family-%02d", i + 1);
    auto sent = enroll::submit_application(db, 2027, username, {key.lookup_hash(id), key.encrypt(id), mask_id_number(id)}, form, now);
    if (!sent) return fail(sent.error().message);
    const auto& a = sent->application;
    // The 随迁子女 family short of documents is returned, never approved; the others in order.
    std::string reason = i % 6 == 5 && i < 12 ? "缺少就业或经营证明、社会保险缴纳证明，请补交" : i == 16 ? "户口簿复印件不清晰，请重新上传" : "";
    bool approve = reason.empty() && i < 16 && i % 6 != 5;
    if (approve || !reason.empty()) {
      auto r = enroll::review_application(db, a.id, approve ? "approve" : "return", reason, a.version, "staff", now);
      if (!r) return fail(r.error().message);
      approve ? ++approved : ++returned;
    }
  }
  std::fprintf(stderr, "演示网上报名：2027 年 %s 24 份（通过 %d，退回 %d，待审核 %d）\n", code.c_str(), approved, returned, 24 - approved - returned);
  return kExitOk;
}

}  // namespace youjun::cli
