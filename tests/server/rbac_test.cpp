// RBAC over the whole route table against the real server on a loopback port: every route, every role,
// anonymous callers, school scope, and the CSRF rule for cookie sessions.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "auth/roles.hpp"
#include "server/routes.hpp"
#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;
using youjun::server::Access;
using youjun::server::Route;
using youjun::server::Scope;

namespace {

// A square catchment C1 around school A (primary), for the 学区 routes.
const std::string kTinyCatchments =
    std::string(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"catchment_id":"C1","school_code":")") +
    kSchoolA + R"(","stage":"primary"},"geometry":{"type":"Polygon","coordinates":[[[120.5,29.9],[120.7,29.9],[120.7,30.1],[120.5,30.1],[120.5,29.9]]]}}]})";

// How to call each route as an allowed user (own school = A), and how head-a would reach into school B.
struct Sample {
  std::function<Call()> call;
  std::function<Call()> foreign;  // only for school-scoped routes
  int foreign_status = 403;
};

std::map<std::string, Sample> samples(ServerHarness& h) {
  static int next_user = 0;
  auto get = [](std::string path) { return [path] { return Call{"GET", path}; }; };
  std::map<std::string, Sample> m;
  m["GET /api/v1/health"] = {get("/api/v1/health"), nullptr};
  m["POST /api/v1/auth/login"] = {[] {
                                    return Call{"POST", "/api/v1/auth/login",
                                                R"({"username":"staff","password":"Youjun@2026"})"};
                                  },
                                  nullptr};
  m["POST /api/v1/auth/logout"] = {[] { return Call{"POST", "/api/v1/auth/logout", ""}; }, nullptr};
  m["GET /api/v1/auth/me"] = {get("/api/v1/auth/me"), nullptr};
  m["GET /api/v1/overview"] = {get("/api/v1/overview"), nullptr};
  m["GET /api/v1/schools"] = {get("/api/v1/schools"), nullptr};
  m["GET /api/v1/schools/{code}"] = {get(std::string("/api/v1/schools/") + kSchoolA),
                                     get(std::string("/api/v1/schools/") + kSchoolB)};
  // An edit must carry the current row_version (optimistic concurrency): read it when the call is made.
  auto edit = [&h](const char* code) {
    return [&h, code] {
      int64_t v = h.count("SELECT row_version FROM schools WHERE code = ?", {std::string(code)});
      return Call{"PATCH", std::string("/api/v1/schools/") + code,
                  R"({"address":"新地址","row_version":)" + std::to_string(v) + "}"};
    };
  };
  m["PATCH /api/v1/schools/{code}"] = {edit(kSchoolA), edit(kSchoolB)};
  m["GET /api/v1/schools/{code}/students"] = {get(std::string("/api/v1/schools/") + kSchoolA + "/students"),
                                              get(std::string("/api/v1/schools/") + kSchoolB + "/students")};
  m["GET /api/v1/import/kinds"] = {get("/api/v1/import/kinds"), nullptr};
  m["POST /api/v1/import/{kind}"] = {
      [] { return Call{"POST", "/api/v1/import/school_facts", "", "", upload(facts_csv({kSchoolA}))}; },
      [] { return Call{"POST", "/api/v1/import/school_facts", "", "", upload(facts_csv({kSchoolB}))}; },
      422};  // rows of another school are rejected row by row, nothing written
  m["GET /api/v1/users"] = {get("/api/v1/users"), nullptr};
  m["POST /api/v1/users"] = {[] {
                               nlohmann::json b = {{"username", "new-user-" + std::to_string(++next_user)},
                                                   {"password", kPassword},
                                                   {"role", "auditor"}};
                               return Call{"POST", "/api/v1/users", b.dump()};
                             },
                             nullptr};
  m["PUT /api/v1/users/{username}"] = {
      [] { return Call{"PUT", "/api/v1/users/clerk", R"({"display_name":"办事员"})"}; }, nullptr};
  m["GET /api/v1/audit"] = {get("/api/v1/audit"), nullptr};
  m["GET /api/v1/my/children"] = {get("/api/v1/my/children"), nullptr};
  m["GET /api/v1/my/children/{student_no}/development"] = {get("/api/v1/my/children/A1/development"), nullptr};
  // 网上报名: mum's own applications; each call that changes one gets a fresh one in the state it needs.
  static int next_application = 0;
  auto application_in = [&h](const char* status) {
    std::string id = "2040-" + std::to_string(++next_application);
    h.exec("INSERT INTO enroll_applications (id, year, username, child_id_hash, child_id_enc, child_id_masked, child_name, "
           "school_id, fallback_school_id, household_id, home_id, facts_json, documents_json, status, review_reason, "
           "reviewed_by, reviewed_at, created_at, updated_at, version) VALUES (?, 2040, 'mum', ?, 'e', 'm', '张小明', ?, '', '', '', "
           "'{}', '[]', ?, '', '', '', '2040-01-01T00:00:00Z', '2040-01-01T00:00:00Z', 1)",
           {id, "hash-" + id, std::string(kSchoolA), std::string(status)});
    return id;
  };
  static int next_year = 2040;
  m["GET /api/v1/my/applications"] = {get("/api/v1/my/applications"), nullptr};
  m["POST /api/v1/my/applications"] = {[&h] {
                                         nlohmann::json b = {{"child_id_number", h.student_id(0)}, {"child_name", "张三丰"},
                                                             {"school_id", kSchoolA}, {"year", ++next_year},
                                                             {"facts", {{"hukou_in_catchment", true}}}};
                                         return Call{"POST", "/api/v1/my/applications", b.dump()};
                                       },
                                       nullptr};
  m["PUT /api/v1/my/applications/{id}"] = {[application_in] {
                                             nlohmann::json b = {{"child_name", "张小明"}, {"school_id", kSchoolA}, {"version", 1}};
                                             return Call{"PUT", "/api/v1/my/applications/" + application_in("returned"), b.dump()};
                                           },
                                           nullptr};
  m["POST /api/v1/my/applications/{id}/withdraw"] = {[application_in] {
                                                       return Call{"POST", "/api/v1/my/applications/" + application_in("submitted") + "/withdraw",
                                                                   R"({"version":1})"};
                                                     },
                                                     nullptr};
  m["GET /api/v1/enroll/applications"] = {get("/api/v1/enroll/applications?year=2040"), nullptr};
  m["POST /api/v1/enroll/applications/{id}/review"] = {[application_in] {
                                                         return Call{"POST", "/api/v1/enroll/applications/" + application_in("submitted") + "/review",
                                                                     R"({"decision":"approve","version":1})"};
                                                       },
                                                       nullptr};
  m["GET /api/v1/my/children/{student_no}/admission"] = {get("/api/v1/my/children/A1/admission"), nullptr};
  m["GET /api/v1/enroll/migrant-share"] = {get("/api/v1/enroll/migrant-share"), nullptr};
  // 派位 runs: each call that changes a run gets a fresh one in the state it needs.
  static int next_run = 0;
  auto run_in = [&h](const char* status) {
    std::string id = "2000-" + std::to_string(++next_run);
    bool drawn = std::string(status) != "registered";
    h.exec("INSERT INTO enroll_runs (id, title, policy, status, applicants_csv, seats_csv, applicants_sha256, "
           "applicant_count, seed, result_json, created_by, created_at) VALUES (?, 't', 'national', ?, "
           "'applicant_id,school_id,tier,fallback_school_id\nA1,S1,1,\n', 'school_id,seats,sector\nS1,1,\n', 'x', 1, ?, ?, "
           "'test', '2000-01-01T00:00:00Z')",
           {id, std::string(status), drawn ? store::Value{std::string("0a")} : store::Value{},
            drawn ? store::Value{std::string(R"({"applicants_sha256":"x","seed":"0a","schools":[],"fallbacks":[]})")} : store::Value{}});
    return id;
  };
  std::string shown = run_in("drawn");
  m["GET /api/v1/enroll/runs"] = {get("/api/v1/enroll/runs"), nullptr};
  m["POST /api/v1/enroll/runs"] = {[] {
                                     return Call{"POST", "/api/v1/enroll/runs", "", "",
                                                 {{"title", "测试派位", "", ""},
                                                  {"applicants", "applicant_id,school_id,tier\nA1,S1,1\n", "a.csv", "text/csv"},
                                                  {"seats", "school_id,seats\nS1,1\n", "s.csv", "text/csv"}}};
                                   },
                                   nullptr};
  m["GET /api/v1/enroll/runs/{id}"] = {get("/api/v1/enroll/runs/" + shown), nullptr};
  m["POST /api/v1/enroll/runs/{id}/draw"] = {[run_in] {
                                               return Call{"POST", "/api/v1/enroll/runs/" + run_in("registered") + "/draw",
                                                           R"({"seed":"0b"})"};
                                             },
                                             nullptr};
  m["POST /api/v1/enroll/runs/{id}/publish"] = {
      [run_in] { return Call{"POST", "/api/v1/enroll/runs/" + run_in("drawn") + "/publish", ""}; }, nullptr};
  m["GET /api/v1/enroll/runs/{id}/files/{name}"] = {get("/api/v1/enroll/runs/" + shown + "/files/seats.csv"), nullptr};
  h.exec("INSERT INTO enroll_runs (id, title, policy, status, applicants_csv, seats_csv, applicants_sha256, applicant_count, seed, "
         "result_json, created_by, created_at, method) VALUES ('2000-match', 't', 'national', 'drawn', "
         "'student_id,prefs,tier,tiers\nM1,S1,1,\n', 'school_id,seats,sector\nS1,1,\n', 'x', 1, '0a', "
         "'{\"mechanism\":\"deferred_acceptance\",\"seed\":\"0a\",\"assignments\":[{\"student_id\":\"M1\",\"school_id\":\"S1\",\"choice_rank\":1}]}', "
         "'test', '2000-01-01T00:00:00Z', 'match')");
  m["GET /api/v1/enroll/runs/{id}/explain"] = {get("/api/v1/enroll/runs/2000-match/explain?student_id=M1"), nullptr};
  // 入学通知书: each 报到 sample gets a fresh notice of mum's approved application at school A.
  static int next_notice = 0;
  std::string notice_run = run_in("published");
  auto notice_in = [&h, application_in, notice_run] {
    std::string id = application_in("approved");
    char code[32];
    std::snprintf(code, sizeof code, "RBAC-0000-%04d", ++next_notice);
    h.exec("INSERT INTO enroll_notices (application_id, code, run_id, school_id, fallback, status, issued_by, issued_at, "
           "reported_by, reported_at, version) VALUES (?, ?, ?, ?, 0, 'issued', 'test', '2040-06-01T00:00:00Z', '', '', 1)",
           {id, std::string(code), notice_run, std::string(kSchoolA)});
    return std::pair<std::string, std::string>{id, code};
  };
  auto shown_notice = notice_in();
  m["GET /api/v1/my/applications/{id}/notice.pdf"] = {get("/api/v1/my/applications/" + shown_notice.first + "/notice.pdf"), nullptr};
  m["POST /api/v1/enroll/runs/{id}/notices"] = {
      [run_in] { return Call{"POST", "/api/v1/enroll/runs/" + run_in("published") + "/notices", ""}; }, nullptr};
  m["GET /api/v1/enroll/notices"] = {get("/api/v1/enroll/notices"), nullptr};
  m["POST /api/v1/enroll/notices/{code}/report"] = {
      [notice_in] { return Call{"POST", "/api/v1/enroll/notices/" + notice_in().second + "/report", ""}; }, nullptr};
  m["POST /api/v1/enroll/notices/{code}/revoke"] = {
      [notice_in] { return Call{"POST", "/api/v1/enroll/notices/" + notice_in().second + "/revoke", R"({"reason":"测试"})"}; }, nullptr};
  m["GET /api/v1/notices/verify"] = {get("/api/v1/notices/verify?code=" + shown_notice.second), nullptr};
  // 招生基础数据: one catchment around school A's coordinates (120.58, 30.0), its cohorts and seats.
  for (auto [kind, content] : {std::pair<std::string, std::string>{"catchments", kTinyCatchments},
                               {"birth_cohorts", "catchment_id,birth_year,children\nC1,2020,30\nC1,2021,30\nC1,2022,30\n"},
                               {"intake_seats", "school_id,seats\n" + std::string(kSchoolA) + ",40\n"},
                               {"addresses", "address_id,address,lon,lat\nA1,解放路1号,120.580000,30.000000\n"}})
    h.exec("INSERT INTO enroll_datasets (kind, version, file_name, content, sha256, item_count, uploaded_by, uploaded_at) "
           "VALUES (?, 1, ?, ?, 'x', 1, 'test', '2000-01-01T00:00:00Z')",
           {kind, kind, content});
  m["GET /api/v1/enroll/data"] = {get("/api/v1/enroll/data"), nullptr};
  m["POST /api/v1/enroll/data/{kind}"] = {[] {
                                            return Call{"POST", "/api/v1/enroll/data/intake_seats", "", "",
                                                        upload("school_id,seats\n" + std::string(kSchoolA) + ",40\n", "seats.csv")};
                                          },
                                          nullptr};
  m["GET /api/v1/enroll/warnings"] = {get("/api/v1/enroll/warnings?year=2026&stage=primary"), nullptr};
  m["GET /api/v1/enroll/locate"] = {get("/api/v1/enroll/locate?lon=120.58&lat=30.0"), nullptr};
  m["GET /api/v1/balance/creations"] = {get("/api/v1/balance/creations?year=2026"), nullptr};
  m["POST /api/v1/balance/creations"] = {[] {
                                           return Call{"POST", "/api/v1/balance/creations", "", "",
                                                       upload("district,creation,achieved_year\n越城区,全国义务教育优质均衡发展县,2023\n", "c.csv")};
                                         },
                                         nullptr};
  m["GET /api/v1/enroll/addresses"] = {get("/api/v1/enroll/addresses?q=%E8%B7%AF"), nullptr};
  // 高中招生轮次: one high school H1 (plan 2, quality), one junior J1, one candidate K1.
  static const std::string kHs = "hs_id,name,plan,quality\nH1,一中,2,1\n";
  static const std::string kJs = "js_id,name,county,graduates\nJ1,甲,县A,10\n";
  static const std::string kCand =
      "student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs\nK1,J1,500,100,100,100,1,H1,H1\n";
  static const std::string kQuota =
      R"({"share":0.5,"profile":"national","year":2026,"juniors":[{"js_id":"J1","quota_seats":1}],)"
      R"("high_schools":[{"hs_id":"H1","plan":2,"quality":true,"quota_total":1,"share_of_plan":0.5,"by_junior":{"J1":1}}]})";
  static int next_round = 0;
  auto round_in = [&h](const char* status) {
    std::string id = "2000-" + std::to_string(++next_round);
    bool draft = std::string(status) == "draft";
    h.exec("INSERT INTO admit_rounds (id, title, year, policy, status, version, high_schools_csv, juniors_csv, students_csv, "
           "student_count, quota_json, seed, result_json, created_by, created_at) VALUES (?, 't', 2026, 'national', ?, 1, ?, ?, ?, "
           "1, ?, ?, ?, 'test', '2000-01-01T00:00:00Z')",
           {id, std::string(status), kHs, kJs, kCand, kQuota, draft ? store::Value{} : store::Value{std::string("0a")},
            draft ? store::Value{} : store::Value{std::string(R"({"batches":[],"assignments":[],"high_schools":[]})")}});
    return id;
  };
  std::string admitted = round_in("admitted");
  m["GET /api/v1/admit/rounds"] = {get("/api/v1/admit/rounds"), nullptr};
  m["POST /api/v1/admit/rounds"] = {[] {
                                      return Call{"POST", "/api/v1/admit/rounds", "", "",
                                                  {{"title", "测试中考", "", ""},
                                                   {"year", "2026", "", ""},
                                                   {"high_schools", kHs, "hs.csv", "text/csv"},
                                                   {"juniors", kJs, "js.csv", "text/csv"},
                                                   {"students", kCand, "st.csv", "text/csv"}}};
                                    },
                                    nullptr};
  m["GET /api/v1/admit/rounds/{id}"] = {get("/api/v1/admit/rounds/" + admitted), nullptr};
  m["PUT /api/v1/admit/rounds/{id}/quota"] = {[round_in] {
                                                return Call{"PUT", "/api/v1/admit/rounds/" + round_in("draft") + "/quota",
                                                            R"({"hs_id":"H1","js_id":"J1","seats":1,"version":1})"};
                                              },
                                              nullptr};
  m["POST /api/v1/admit/rounds/{id}/admit"] = {[round_in] {
                                                 return Call{"POST", "/api/v1/admit/rounds/" + round_in("draft") + "/admit",
                                                             R"({"seed":"0b"})"};
                                               },
                                               nullptr};
  m["POST /api/v1/admit/rounds/{id}/publish"] = {
      [round_in] { return Call{"POST", "/api/v1/admit/rounds/" + round_in("admitted") + "/publish", ""}; }, nullptr};
  m["GET /api/v1/admit/rounds/{id}/students/{student_id}"] = {get("/api/v1/admit/rounds/" + admitted + "/students/K1"), nullptr};
  m["GET /api/v1/admit/rounds/{id}/export.xlsx"] = {get("/api/v1/admit/rounds/" + admitted + "/export.xlsx"), nullptr};
  m["GET /api/v1/admit/rounds/{id}/files/{name}"] = {get("/api/v1/admit/rounds/" + admitted + "/files/quota.json"), nullptr};
  m["GET /api/v1/balance/evaluation"] = {get("/api/v1/balance/evaluation"), nullptr};
  // 体质健康 dataset: one 一年级 boy of school A.
  h.exec("INSERT INTO health_datasets (id, kind, title, year, policy, record_count, records_csv, summary_json, created_by, "
         "created_at) VALUES ('fitness-2000-001', 'fitness', 't', 2026, 'national', 1, ?, '{\"aggregates\":[]}', 'test', "
         "'2000-01-01T00:00:00Z')",
         {"student_id,grade,sex,height_cm,weight_kg,vital_capacity_ml,run_50m_s,sit_reach_cm,rope_skip_1min,school_id\nP1,1,M,120,22,1700,10.2,16.1,109," + std::string(kSchoolA) + "\n"});
  m["GET /api/v1/evaluate/datasets"] = {get("/api/v1/evaluate/datasets"), nullptr};
  // 五育 records: one record of student R0 in school A; each PUT sample writes a new student's record.
  h.exec("INSERT INTO wuyu_records (student_id, term, indicator, school_code, class_id, value, note, entered_by, entered_at, "
         "version) VALUES ('R0', '2026-1', 'conduct_grade', ?, '1-1', 'A', '', 'test', '2000-01-01T00:00:00Z', 1)",
         {std::string(kSchoolA)});
  static int next_record = 0;
  m["PUT /api/v1/evaluate/wuyu/records"] = {[] {
                                              nlohmann::json b = {{"student_id", "R" + std::to_string(++next_record)},
                                                                  {"term", "2026-1"}, {"indicator", "conduct_grade"},
                                                                  {"value", "A"}, {"note", ""}, {"school_id", kSchoolA},
                                                                  {"class_id", "1-1"}, {"version", 0}};
                                              return Call{"PUT", "/api/v1/evaluate/wuyu/records", b.dump()};
                                            },
                                            nullptr};
  static int next_quality = 0;
  m["PUT /api/v1/evaluate/quality/records"] = {[] {
                                                 nlohmann::json b = {{"student_id", "Q" + std::to_string(++next_quality)},
                                                                     {"term", "2026-1"}, {"aspect", "practice"},
                                                                     {"text", "参加社区垃圾分类宣传 2 小时"}, {"school_id", kSchoolA},
                                                                     {"class_id", "1-1"}, {"version", 0}};
                                                 return Call{"PUT", "/api/v1/evaluate/quality/records", b.dump()};
                                               },
                                               nullptr};
  m["GET /api/v1/evaluate/wuyu"] = {get(std::string("/api/v1/evaluate/wuyu?term=2026-1&school_id=") + kSchoolA), nullptr};
  m["GET /api/v1/evaluate/wuyu/students/{student_id}"] = {get("/api/v1/evaluate/wuyu/students/R0"), nullptr};
  m["POST /api/v1/evaluate/datasets"] = {[] {
                                           return Call{"POST", "/api/v1/evaluate/datasets", "", "",
                                                       {{"kind", "fitness", "", ""}, {"title", "t", "", ""}, {"year", "2026", "", ""},
                                                        {"file", "student_id,grade,sex,height_cm,weight_kg\nP1,1,M,120,22\n", "f.csv", "text/csv"}}};
                                         },
                                         nullptr};
  m["GET /api/v1/evaluate/datasets/{id}"] = {get("/api/v1/evaluate/datasets/fitness-2000-001"), nullptr};
  m["GET /api/v1/evaluate/datasets/{id}/students"] = {get("/api/v1/evaluate/datasets/fitness-2000-001/students?school_id=" + std::string(kSchoolA)), nullptr};
  m["GET /api/v1/schools/{code}/balance"] = {get(std::string("/api/v1/schools/") + kSchoolA + "/balance"),
                                             get(std::string("/api/v1/schools/") + kSchoolB + "/balance")};
  m["GET /api/v1/balance/plan"] = {get("/api/v1/balance/plan?profile=shaoxing"), nullptr};
  return m;
}

const std::vector<std::string> kRoleUsers = {"admin", "staff", "head-a", "auditor", "mum"};

// A key that carries a student's rank or place in an order (001: results to schools and parents are grades).
bool has_rank_key(const nlohmann::json& j, std::string& where) {
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if (k.find("rank") != std::string::npos || k == "position" || k == "名次" || k == "排名") return where = k, true;
      if (has_rank_key(it.value(), where)) return true;
    }
  if (j.is_array())
    for (const auto& e : j)
      if (has_rank_key(e, where)) return true;
  return false;
}

std::string role_of(const std::string& user) {
  static const std::map<std::string, std::string> roles = {{"admin", "bureau_admin"}, {"staff", "bureau_staff"},
                                                           {"head-a", "school_admin"}, {"head-b", "school_admin"},
                                                           {"auditor", "auditor"},     {"mum", "parent"}};
  return roles.at(user);
}

}  // namespace

class RbacTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, RbacTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(RbacTest, EveryRouteEnforcesSessionRoleAndSchoolScope) {
  auto table = samples(h);
  std::map<std::string, Login> sessions;
  for (const auto& u : kRoleUsers) sessions[u] = h.login(u);
  for (const Route& route : server::api_routes()) {
    const std::string key = route.method + " " + route.pattern;
    SCOPED_TRACE(key);
    ASSERT_TRUE(table.count(key)) << "no RBAC sample for " << key << ": add one to samples()";
    const Sample& s = table.at(key);

    auto anon = h.send(s.call());
    ASSERT_TRUE(anon);
    if (route.access == Access::Open) {
      EXPECT_EQ(anon->status, 200) << anon->body;
      continue;  // no session, no roles: nothing more to check
    } else {
      EXPECT_EQ(anon->status, 401) << anon->body;
      EXPECT_EQ(h.json_of(anon).value("code", ""), "unauthorized");
    }
    for (const auto& user : kRoleUsers) {
      SCOPED_TRACE(user);
      // Logout ends the session it is called with: use a fresh one.
      Login who = route.pattern == "/api/v1/auth/logout" ? h.login(user) : sessions.at(user);
      auto r = h.send(s.call(), &who);
      ASSERT_TRUE(r);
      if (server::role_allowed(route, role_of(user))) {
        EXPECT_GE(r->status, 200) << r->body;
        EXPECT_LT(r->status, 300) << r->body;
        // No answer to a school or a parent carries a student's rank (issue 8 §5).
        std::string key;
        auto body = nlohmann::json::parse(r->body, nullptr, false);
        if ((user == "head-a" || user == "mum") && !body.is_discarded()) {
          EXPECT_FALSE(has_rank_key(body, key)) << "a rank (" << key << ") reaches " << user;
        }
      } else {
        EXPECT_EQ(r->status, 403) << r->body;
        EXPECT_EQ(h.json_of(r).value("code", ""), "forbidden");
      }
    }
    if (route.scope == Scope::OwnSchoolPath || route.scope == Scope::OwnSchoolRows) {
      ASSERT_TRUE(s.foreign) << "school-scoped route needs a foreign sample";
      auto r = h.send(s.foreign(), &sessions.at("head-a"));
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, s.foreign_status) << r->body;
      Login head_b = h.login("head-b");
      auto own_of_a = h.send(s.call(), &head_b);  // and B's head asking for A
      ASSERT_TRUE(own_of_a);
      EXPECT_EQ(own_of_a->status, s.foreign_status) << own_of_a->body;
    }
  }
}

TEST_P(RbacTest, MigrantShareCountsPerDistrictWithTheCitedMinimum) {
  h.exec("UPDATE students SET migrant = 1 WHERE school_code = ?", {std::string(kSchoolB)});  // one grade-7 child
  Login staff = h.login("staff");
  auto r = h.json_of(h.send({"GET", "/api/v1/enroll/migrant-share?policy=jinhua"}, &staff));
  ASSERT_EQ(r["districts"].size(), 3u) << r.dump();
  EXPECT_EQ(r["districts"][0]["district_code"], "330602");
  EXPECT_EQ(r["districts"][0]["migrants"], 0);
  EXPECT_TRUE(r["districts"][0]["share"].is_null());
  EXPECT_EQ(r["districts"][1]["migrants"], 1);
  EXPECT_EQ(r["districts"][1]["in_public"], 1);
  EXPECT_EQ(r["districts"][1]["meets"], true);
  EXPECT_TRUE(r["districts"][2]["district_code"].is_null());  // the city
  EXPECT_EQ(r["below"], 0);
  EXPECT_EQ(r["rules"][0]["profile"], "jinhua");
  auto unknown = h.send({"GET", "/api/v1/enroll/migrant-share?policy=nowhere"}, &staff);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
}

// The harness's facts: school A (primary, 越城区) has 40 + 38 pupils and 1,234.56 元 of equipment in
// 2025-2026 and 35 pupils in 2024-2025; school B (junior, 柯桥区) has 135 pupils.
TEST_P(RbacTest, BalanceEvaluationOfTheNewestOrAChosenSchoolYear) {
  Login staff = h.login("staff");
  auto r = h.json_of(h.send({"GET", "/api/v1/balance/evaluation"}, &staff));
  EXPECT_EQ(r["school_year"], "2025-2026");
  EXPECT_EQ(r["school_years"], nlohmann::json::array({"2025-2026", "2024-2025"}));
  EXPECT_EQ(r["year"], 2025);
  ASSERT_EQ(r["schools"].size(), 2u) << r.dump();
  EXPECT_EQ(r["schools"][0]["school_id"], kSchoolA);
  EXPECT_EQ(r["schools"][0]["students"], 78);
  EXPECT_DOUBLE_EQ(r["schools"][0]["values"]["equipment_value_per_student"].get<double>(), 15.827692);  // 1234.56 / 78
  EXPECT_FALSE(r["schools"][0]["compliant"].get<bool>());
  ASSERT_EQ(r["counties"].size(), 2u);
  EXPECT_EQ(r["counties"][0]["county"], "柯桥区");  // by name
  auto older = h.json_of(h.send({"GET", "/api/v1/balance/evaluation?school_year=2024-2025"}, &staff));
  ASSERT_EQ(older["schools"].size(), 1u);
  EXPECT_EQ(older["schools"][0]["students"], 35);
  auto plan = h.json_of(h.send({"GET", "/api/v1/balance/plan"}, &staff));
  ASSERT_EQ(plan["schools"].size(), 2u);
  EXPECT_TRUE(plan["schools"][0]["compliant_after"].get<bool>());
  // A principal sees their own school: 78 pupils, its floors and its plan.
  Login head = h.login("head-a");
  auto own = h.json_of(h.send({"GET", std::string("/api/v1/schools/") + kSchoolA + "/balance"}, &head));
  ASSERT_EQ(own["schools"].size(), 1u) << own.dump();
  EXPECT_EQ(own["schools"][0]["students"], 78);
  EXPECT_DOUBLE_EQ(own["floors"]["primary"]["teaching_area_per_student"].get<double>(), 4.5);
  ASSERT_EQ(own["plan"].size(), 1u);
  EXPECT_TRUE(own["plan"][0]["compliant_after"].get<bool>());
  auto unknown = h.send({"GET", "/api/v1/balance/evaluation?profile=nowhere"}, &staff);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  auto none = h.send({"GET", "/api/v1/balance/evaluation?school_year=1999-2000"}, &staff);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

TEST_P(RbacTest, SchoolAdminListsSeeOnlyTheirSchool) {
  Login a = h.login("head-a");
  auto schools = h.json_of(h.send({"GET", "/api/v1/schools"}, &a));
  ASSERT_EQ(schools["total"], 1);
  EXPECT_EQ(schools["items"][0]["code"], kSchoolA);
  auto q = h.json_of(h.send({"GET", std::string("/api/v1/schools?q=") + kSchoolB}, &a));
  EXPECT_EQ(q["total"], 0);
  auto overview = h.json_of(h.send({"GET", "/api/v1/overview"}, &a));
  EXPECT_EQ(overview["totals"]["schools"], 1);
  EXPECT_EQ(overview["totals"]["students"], 78);
  ASSERT_EQ(overview["districts"].size(), 1u);
  EXPECT_EQ(overview["districts"][0]["code"], "330602");
  auto kinds = h.json_of(h.send({"GET", "/api/v1/import/kinds"}, &a));
  for (const auto& k : kinds) EXPECT_NE(k["name"], "schools");
  auto schools_kind = h.send({"POST", "/api/v1/import/schools", "", "", upload("school_code\n1\n")}, &a);
  EXPECT_EQ(schools_kind->status, 403);
}

TEST_P(RbacTest, ParentSeesOnlyOwnChildWithFullNameAndMaskedId) {
  Login mum = h.login("mum");
  auto r = h.send({"GET", "/api/v1/my/children"}, &mum);
  ASSERT_EQ(r->status, 200);
  auto j = h.json_of(r);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["name"], "张三丰");
  EXPECT_EQ(j["items"][0]["id_masked"], mask_id_number(h.student_id(0)));
  EXPECT_EQ(r->body.find(h.student_id(0)), std::string::npos);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'children.read' AND actor = 'mum'"), 1);
}

TEST_P(RbacTest, CookieWritesNeedTheCsrfHeader) {
  Login admin = h.login("admin");
  Call create{"POST", "/api/v1/users", R"({"username":"csrf-test","password":"Youjun@2026","role":"auditor"})"};
  auto missing = h.send(create, &admin, false);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(h.json_of(missing)["code"], "forbidden");
  Login wrong = admin;
  wrong.csrf = std::string(64, 'a');
  EXPECT_EQ(h.send(create, &wrong)->status, 403);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM users WHERE username = 'csrf-test'"), 0);
  EXPECT_EQ(h.send(create, &admin)->status, 201);
  // Logout is a write too.
  EXPECT_EQ(h.send({"POST", "/api/v1/auth/logout", ""}, &admin, false)->status, 403);
  // Bearer sessions are not sent by browsers on their own: no CSRF header needed.
  Login script = h.login("admin", true);
  create.body = R"({"username":"csrf-test2","password":"Youjun@2026","role":"auditor"})";
  EXPECT_EQ(h.send(create, &script, false)->status, 201);
  // A cookie token is not accepted as a bearer token (that would skip the CSRF check).
  Login smuggled = admin;
  smuggled.bearer = true;
  EXPECT_EQ(h.send({"GET", "/api/v1/auth/me"}, &smuggled)->status, 401);
}

