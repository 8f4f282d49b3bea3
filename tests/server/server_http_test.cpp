// The real server on a loopback port: imports, personal data, sessions, limits and static files.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <set>

#include "io/table.hpp"
#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

// Sends raw bytes (for requests the client library would never produce) and returns the answer's first line.
std::string raw_request(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!write(fd, bytes.data(), bytes.size());
  char buf[512];
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  std::string answer(buf, n > 0 ? static_cast<size_t>(n) : 0);
  return answer.substr(0, answer.find("\r\n"));
}

}  // namespace

class ServerImportTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, ServerImportTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(ServerImportTest, BadRowIsRejectedWithRowErrorsAndNothingWritten) {
  Login staff = h.login("staff");
  int64_t facts_before = h.count("SELECT COUNT(*) FROM school_facts");
  int64_t g1_before = h.count("SELECT students_g1 FROM school_facts WHERE school_code = ? AND school_year = '2025-2026'",
                              {std::string(kSchoolA)});
  auto r = h.send({"POST", "/api/v1/import/school_facts", "", "", upload(facts_csv({kSchoolA, kSchoolB}, "很多"))},
                  &staff);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  auto j = h.json_of(r);
  EXPECT_EQ(j["code"], "unprocessable");
  ASSERT_GE(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["file"], "facts.csv");
  EXPECT_EQ(j["errors"][0]["row"], 3);
  EXPECT_EQ(j["errors"][0]["column"], "students_g1");
  EXPECT_FALSE(j["errors"][0]["message"].get<std::string>().empty());
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM school_facts"), facts_before);
  EXPECT_EQ(h.count("SELECT students_g1 FROM school_facts WHERE school_code = ? AND school_year = '2025-2026'",
                    {std::string(kSchoolA)}),
            g1_before);  // the good row was not written either
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'import.%'"), 0);
}

TEST_P(ServerImportTest, GoodFileIsImportedAndAudited) {
  Login staff = h.login("staff");
  auto r = h.send({"POST", "/api/v1/import/school_facts", "", "", upload(facts_csv({kSchoolA, kSchoolB}))}, &staff);
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = h.json_of(r);
  EXPECT_EQ(j["kind"], "school_facts");
  EXPECT_EQ(j["rows"], 2);
  EXPECT_EQ(j["inserted"], 0);
  EXPECT_EQ(j["updated"], 2);
  EXPECT_EQ(j["unchanged"], 0);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.school_facts' AND actor = 'staff'"), 1);
  // The same file again: both rows are already stored as they are.
  auto again = h.send({"POST", "/api/v1/import/school_facts", "", "", upload(facts_csv({kSchoolA, kSchoolB}))}, &staff);
  ASSERT_EQ(again->status, 200) << again->body;
  auto k = h.json_of(again);
  EXPECT_EQ(k["updated"], 0);
  EXPECT_EQ(k["unchanged"], 2);
}

TEST_P(ServerImportTest, SchoolAdminRowsOfAnotherSchoolAreRejected) {
  Login a = h.login("head-a");
  auto r = h.send({"POST", "/api/v1/import/school_facts", "", "", upload(facts_csv({kSchoolA, kSchoolB}))}, &a);
  ASSERT_EQ(r->status, 422) << r->body;
  auto j = h.json_of(r);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["row"], 3);
}

TEST_P(ServerImportTest, XlsxUploadIsRead) {
  const import::ImportKind* kind = import::find_import_kind("school_facts");
  std::vector<std::string> header;
  for (const auto& f : kind->fields) header.push_back(f.key);
  auto csv = io::parse_csv(facts_csv({kSchoolA}), "x.csv");
  ASSERT_TRUE(csv.ok());
  std::vector<std::vector<std::string>> rows(1);
  for (size_t c = 0; c < header.size(); ++c) rows[0].emplace_back(csv->cell(0, c));
  TempDir dir;
  ASSERT_TRUE(io::write_xlsx(dir.path("facts.xlsx"), "Sheet1", header, rows).ok());
  std::ifstream in(dir.path("facts.xlsx"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Login staff = h.login("staff");
  auto r = h.send({"POST", "/api/v1/import/school_facts", "", "", upload(bytes, "年度数据.xlsx")}, &staff);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(h.json_of(r)["rows"], 1);
}

TEST_P(ServerImportTest, UnknownKindMissingFileAndUnreadableFile) {
  Login staff = h.login("staff");
  EXPECT_EQ(h.send({"POST", "/api/v1/import/pets", "", "", upload("a\n1\n")}, &staff)->status, 404);
  EXPECT_EQ(h.send({"POST", "/api/v1/import/school_facts", "{}"}, &staff)->status, 400);
  auto r = h.send({"POST", "/api/v1/import/school_facts", "", "", upload("PK\x03\x04garbage", "x.xlsx")}, &staff);
  EXPECT_EQ(r->status, 422) << r->body;
  EXPECT_EQ(h.json_of(r)["errors"][0]["file"], "x.xlsx");
}

class ServerApiTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, ServerApiTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(ServerApiTest, HealthIsOpen) {
  auto j = h.json_of(h.send({"GET", "/api/v1/health"}));
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["version"], YOUJUN_VERSION);
  EXPECT_EQ(j["database"], GetParam());
}

TEST_P(ServerApiTest, LoginMeLogout) {
  auto bad = h.send({"POST", "/api/v1/auth/login", R"({"username":"staff","password":"wrong-password"})"});
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(h.json_of(bad)["code"], "unauthorized");
  auto ok = h.send({"POST", "/api/v1/auth/login", R"({"username":"staff","password":"Youjun@2026"})"});
  ASSERT_EQ(ok->status, 200);
  std::string cookie = ok->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  auto body = h.json_of(ok);
  EXPECT_EQ(body["user"]["username"], "staff");
  EXPECT_EQ(body["user"]["role"], "bureau_staff");
  EXPECT_TRUE(body["user"]["school_code"].is_null());
  EXPECT_FALSE(body.contains("token"));
  Login who = h.login("staff");
  auto me = h.json_of(h.send({"GET", "/api/v1/auth/me"}, &who));
  EXPECT_EQ(me["user"]["username"], "staff");
  EXPECT_EQ(me["csrf_token"], who.csrf);
  auto out = h.send({"POST", "/api/v1/auth/logout", ""}, &who);
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(h.send({"GET", "/api/v1/auth/me"}, &who)->status, 401);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.logout'"), 1);
}

TEST_P(ServerApiTest, LockoutAnswers429WithRetryAfter) {
  Call wrong{"POST", "/api/v1/auth/login", R"({"username":"clerk","password":"wrong-password"})"};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(h.send(wrong)->status, 401);
  auto locked = h.send(wrong);
  ASSERT_EQ(locked->status, 429);
  auto j = h.json_of(locked);
  EXPECT_EQ(j["code"], "too_many_requests");
  EXPECT_EQ(j["retry_after_seconds"], 60);
  EXPECT_EQ(locked->get_header_value("Retry-After"), "60");
  auto right = h.send({"POST", "/api/v1/auth/login", R"({"username":"clerk","password":"Youjun@2026"})"});
  EXPECT_EQ(right->status, 429);
  h.now += 61;
  EXPECT_EQ(h.send({"POST", "/api/v1/auth/login", R"({"username":"clerk","password":"Youjun@2026"})"})->status, 200);
}

TEST_P(ServerApiTest, SessionEndsAfterEightIdleHours) {
  Login staff = h.login("staff");
  h.now += 7 * 3600;
  EXPECT_EQ(h.send({"GET", "/api/v1/auth/me"}, &staff)->status, 200);
  h.now += 7 * 3600;  // 14 h after login, 7 h idle
  EXPECT_EQ(h.send({"GET", "/api/v1/auth/me"}, &staff)->status, 200);
  h.now += 8 * 3600;
  auto r = h.send({"GET", "/api/v1/auth/me"}, &staff);
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
}

TEST_P(ServerApiTest, DisablingAUserEndsTheirSessions) {
  Login clerk = h.login("clerk");
  Login admin = h.login("admin");
  EXPECT_EQ(h.send({"PUT", "/api/v1/users/clerk", R"({"disabled":true})"}, &admin)->status, 200);
  EXPECT_EQ(h.send({"GET", "/api/v1/auth/me"}, &clerk)->status, 401);
  auto again = h.send({"POST", "/api/v1/auth/login", R"({"username":"clerk","password":"Youjun@2026"})"});
  EXPECT_EQ(again->status, 401);
  EXPECT_EQ(h.send({"PUT", "/api/v1/users/admin", R"({"disabled":true})"}, &admin)->status, 400);
}

TEST_P(ServerApiTest, UserAdminValidation) {
  Login admin = h.login("admin");
  auto dup = h.send({"POST", "/api/v1/users", R"({"username":"staff","password":"Youjun@2026","role":"auditor"})"},
                    &admin);
  EXPECT_EQ(dup->status, 409);
  EXPECT_EQ(h.json_of(dup)["code"], "conflict");
  EXPECT_EQ(h.send({"POST", "/api/v1/users", R"({"username":"x1","password":"short","role":"auditor"})"}, &admin)
                ->status,
            400);
  auto head = h.send({"POST", "/api/v1/users",
                      R"({"username":"head-c","password":"Youjun@2026","role":"school_admin","school_code":"nope"})"},
                     &admin);
  EXPECT_EQ(head->status, 400);
  EXPECT_EQ(h.send({"POST", "/api/v1/users", "username=x"}, &admin)->status, 400);
  EXPECT_EQ(h.send({"PUT", "/api/v1/users/ghost", R"({"display_name":"x"})"}, &admin)->status, 404);
  auto list = h.json_of(h.send({"GET", "/api/v1/users"}, &admin));
  EXPECT_EQ(list["items"].size(), 7u);
  for (const auto& u : list["items"]) EXPECT_FALSE(u.contains("password_hash"));
}

TEST_P(ServerApiTest, OverviewAndSchoolsAggregateTheLatestYear) {
  Login staff = h.login("staff");
  auto o = h.json_of(h.send({"GET", "/api/v1/overview"}, &staff));
  EXPECT_EQ(o["school_year"], "2025-2026");
  EXPECT_EQ(o["totals"]["districts"], 2);
  EXPECT_EQ(o["totals"]["schools"], 2);
  EXPECT_EQ(o["totals"]["students"], 40 + 38 + 50 + 45 + 40);
  EXPECT_EQ(o["totals"]["teachers"], 6 + 12);
  EXPECT_EQ(o["districts"][0]["name"], "越城区");
  EXPECT_EQ(o["districts"][0]["students"], 78);
  auto older = h.json_of(h.send({"GET", "/api/v1/overview?school_year=2024-2025"}, &staff));
  EXPECT_EQ(older["totals"]["students"], 35);
  EXPECT_EQ(h.send({"GET", "/api/v1/overview?school_year=2025"}, &staff)->status, 400);

  auto list = h.json_of(h.send({"GET", "/api/v1/schools?district=330603"}, &staff));
  ASSERT_EQ(list["total"], 1);
  auto b = list["items"][0];
  EXPECT_EQ(b["code"], kSchoolB);
  EXPECT_EQ(b["level_label"], "初中");
  EXPECT_EQ(b["locale_label"], "镇区");
  EXPECT_EQ(b["students"], 135);
  EXPECT_EQ(b["teachers"], 12);
  EXPECT_TRUE(b["lon"].is_null());
  auto paged = h.json_of(h.send({"GET", "/api/v1/schools?page=2&page_size=1"}, &staff));
  EXPECT_EQ(paged["total"], 2);
  ASSERT_EQ(paged["items"].size(), 1u);
  EXPECT_EQ(paged["items"][0]["code"], kSchoolB);
  auto search = h.json_of(h.send({"GET", "/api/v1/schools?q=%E8%B6%8A%E5%9F%8E"}, &staff));  // 越城
  EXPECT_EQ(search["total"], 1);
  EXPECT_EQ(h.json_of(h.send({"GET", "/api/v1/schools?q=%25"}, &staff))["total"], 0);  // % is literal
  EXPECT_EQ(h.send({"GET", "/api/v1/schools?page=0"}, &staff)->status, 400);

  auto detail = h.json_of(h.send({"GET", std::string("/api/v1/schools/") + kSchoolA}, &staff));
  EXPECT_EQ(detail["school"]["name"], "越城区第一小学");
  ASSERT_EQ(detail["facts"].size(), 2u);
  EXPECT_EQ(detail["facts"][0]["school_year"], "2025-2026");
  EXPECT_EQ(detail["facts"][0]["students_total"], 78);
  EXPECT_DOUBLE_EQ(detail["facts"][0]["equipment_value_yuan"].get<double>(), 1234.56);
  EXPECT_EQ(h.send({"GET", "/api/v1/schools/0000"}, &staff)->status, 404);
}

TEST_P(ServerApiTest, StudentNamesMaskedOutsideOwnScopeAndReadsAudited) {
  Login staff = h.login("staff");
  auto r = h.send({"GET", std::string("/api/v1/schools/") + kSchoolA + "/students"}, &staff);
  ASSERT_EQ(r->status, 200);
  auto j = h.json_of(r);
  ASSERT_EQ(j["total"], 2);
  std::set<std::string> names;
  for (const auto& s : j["items"]) names.insert(s["name"].get<std::string>());
  EXPECT_EQ(names, (std::set<std::string>{"张*丰", "李*"}));
  for (int i = 0; i < 2; ++i) EXPECT_EQ(r->body.find(h.student_id(i)), std::string::npos);
  EXPECT_EQ(j["items"][0]["id_masked"].get<std::string>().find("**********"), 4u);

  Login head = h.login("head-a");
  auto own = h.json_of(h.send({"GET", std::string("/api/v1/schools/") + kSchoolA + "/students?grade=4"}, &head));
  std::set<std::string> full;
  for (const auto& s : own["items"]) full.insert(s["name"].get<std::string>());
  EXPECT_EQ(full, (std::set<std::string>{"张三丰", "李明"}));
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'students.read'"), 2);
  auto audit = h.db().query("SELECT detail FROM audit_log WHERE action = 'students.read'");
  for (const auto& row : *audit) EXPECT_EQ(row.text(0).find("张"), std::string::npos);  // no names in the log
}

TEST_P(ServerApiTest, AuditRouteReportsTheChain) {
  Login auditor = h.login("auditor");
  auto j = h.json_of(h.send({"GET", "/api/v1/audit?limit=3"}, &auditor));
  EXPECT_EQ(j["chain_ok"], true);
  ASSERT_EQ(j["items"].size(), 3u);
  EXPECT_GT(j["items"][0]["seq"].get<int64_t>(), j["items"][1]["seq"].get<int64_t>());
  EXPECT_EQ(j["items"][0]["action"], "auth.login");
  EXPECT_TRUE(j["items"][0]["detail"].is_object());
  h.exec("UPDATE audit_log SET target = 'nobody' WHERE seq = 2");
  auto broken = h.json_of(h.send({"GET", "/api/v1/audit"}, &auditor));
  EXPECT_EQ(broken["chain_ok"], false);
  EXPECT_EQ(broken["first_broken_seq"], 2);
}

TEST_P(ServerApiTest, ErrorsAreJsonAndBodiesAreBounded) {
  Login admin = h.login("admin");
  auto unknown = h.send({"GET", "/api/v1/nothing-here"}, &admin);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(h.json_of(unknown)["code"], "not_found");
  EXPECT_EQ(h.send({"PUT", "/api/v1/overview", "{}"}, &admin)->status, 404);
  std::string big(1500 * 1024, 'x');
  auto r = h.send({"POST", "/api/v1/users", "{\"display_name\":\"" + big + "\"}"}, &admin);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(h.json_of(r)["code"], "payload_too_large");
  EXPECT_EQ(h.send({"GET", "/api/v1/health"})->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(h.send({"GET", "/api/v1/auth/me"}, &admin)->get_header_value("Cache-Control"), "no-store");
}

TEST_P(ServerApiTest, RefusesBodiesItCannotBound) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(raw_request(h.port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                                "Content-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
            "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(raw_request(h.port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n"
                                "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
            "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(raw_request(h.port, "POST /api/v1/auth/logout HTTP/1.1\r\nHost: t\r\n\r\n"), "HTTP/1.1 400 Bad Request");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));  // no read-timeout wait
  EXPECT_EQ(raw_request(h.port, "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nRange: bytes=0-1,0-1\r\n\r\n"),
            "HTTP/1.1 200 OK");  // ranges are ignored
}

TEST_P(ServerApiTest, StaticFilesWithSpaFallback) {
  auto index = h.send({"GET", "/"});
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("YOUJUN-TEST-INDEX"), std::string::npos);
  auto route = h.send({"GET", "/schools/3306020001"});
  EXPECT_NE(route->body.find("YOUJUN-TEST-INDEX"), std::string::npos);
  auto asset = h.send({"GET", "/assets/app-1234.js"});
  EXPECT_EQ(asset->status, 200);
  EXPECT_NE(asset->get_header_value("Content-Type").find("javascript"), std::string::npos);
  EXPECT_NE(asset->get_header_value("Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(h.send({"GET", "/assets/missing.js"})->status, 404);
  auto escape = h.send({"GET", "/../city.db"});
  EXPECT_TRUE(!escape || escape->body.find("SQLite") == std::string::npos);
  auto escape2 = h.send({"GET", "/%2e%2e/city.db"});
  EXPECT_TRUE(!escape2 || escape2->body.find("SQLite") == std::string::npos);
}

TEST(ServerStatic, NotBuiltPageInChinese) {
  ServerHarness h("sqlite", false);
  auto r = h.send({"GET", "/"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("网页界面尚未构建"), std::string::npos);
  EXPECT_EQ(h.send({"GET", "/api/v1/health"})->status, 200);
}

TEST(ServerLifecycle, StopReturnsFromRunAndRefusesNewConnections) {
  int port = 0;
  {
    ServerHarness h;
    port = h.port;
    EXPECT_EQ(h.send({"GET", "/api/v1/health"})->status, 200);
  }  // destructor: stop() + join
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(1, 0);
  EXPECT_FALSE(cli.Get("/api/v1/health"));
}

// Optimistic concurrency: an edit carries the row_version it read; a stale one gets 409 with the current
// version and changes nothing. Two editors racing on the same version: exactly one wins.
TEST_P(ServerApiTest, SchoolEditNeedsTheCurrentRowVersion) {
  Login staff = h.login("staff");
  Login clerk = h.login("clerk");
  std::string path = std::string("/api/v1/schools/") + kSchoolA;
  auto school = h.json_of(h.send({"GET", path}, &staff));
  ASSERT_EQ(school["school"]["row_version"], 1);

  auto first = h.send({"PATCH", path, R"({"row_version":1,"address":"解放南路2号","lat":30.01})"}, &staff);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(h.json_of(first)["row_version"], 2);
  auto stale = h.send({"PATCH", path, R"({"row_version":1,"address":"别处"})"}, &clerk);
  ASSERT_EQ(stale->status, 409) << stale->body;
  EXPECT_EQ(h.json_of(stale)["code"], "conflict");
  EXPECT_EQ(h.json_of(stale)["current_row_version"], 2);
  auto now = h.json_of(h.send({"GET", path}, &clerk))["school"];
  EXPECT_EQ(now["address"], "解放南路2号");
  EXPECT_DOUBLE_EQ(now["lat"].get<double>(), 30.01);
  EXPECT_EQ(now["row_version"], 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'school.update' AND target = ?", {std::string(kSchoolA)}), 1);

  EXPECT_EQ(h.send({"PATCH", path, R"({"address":"x"})"}, &staff)->status, 400);                  // no row_version
  EXPECT_EQ(h.send({"PATCH", path, R"({"row_version":2,"locale":"city"})"}, &staff)->status, 400);  // bad choice
  EXPECT_EQ(h.send({"PATCH", path, R"({"row_version":2,"lon":200})"}, &staff)->status, 400);        // off the map
  EXPECT_EQ(h.send({"PATCH", path, R"({"row_version":2})"}, &staff)->status, 400);                  // nothing to change
  EXPECT_EQ(h.send({"PATCH", "/api/v1/schools/9999999999", R"({"row_version":1,"name":"x"})"}, &staff)->status, 404);

  // Race: two editors submit on version 2 at the same moment.
  std::atomic<int> ok{0}, conflict{0};
  auto edit = [&](const Login* who, const char* name) {
    auto r = h.send({"PATCH", path, std::string(R"({"row_version":2,"name":")") + name + "\"}"}, who);
    if (r && r->status == 200) ++ok;
    if (r && r->status == 409) ++conflict;
  };
  std::thread a(edit, &staff, "甲校名"), b(edit, &clerk, "乙校名");
  a.join();
  b.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 1);
  EXPECT_EQ(h.count("SELECT row_version FROM schools WHERE code = ?", {std::string(kSchoolA)}), 3);
}
