// Route table and helpers that need no socket.
#include "server/routes.hpp"

#include <gtest/gtest.h>

#include <set>

#include "auth/roles.hpp"
#include "server/http_server.hpp"
#include "server/masking.hpp"

using namespace youjun;
using namespace youjun::server;

TEST(ServerRoutes, PatternsMatchWholeSegments) {
  std::map<std::string, std::string> p;
  EXPECT_TRUE(match_pattern("/api/v1/schools/{code}", "/api/v1/schools/3306020001", p));
  EXPECT_EQ(p.at("code"), "3306020001");
  EXPECT_TRUE(match_pattern("/api/v1/schools/{code}/students", "/api/v1/schools/A1/students", p));
  EXPECT_EQ(p.at("code"), "A1");
  EXPECT_FALSE(match_pattern("/api/v1/schools/{code}", "/api/v1/schools/", p));
  EXPECT_FALSE(match_pattern("/api/v1/schools/{code}", "/api/v1/schools/a/b", p));
  EXPECT_FALSE(match_pattern("/api/v1/schools", "/api/v1/schools/", p));
  EXPECT_FALSE(match_pattern("/api/v1/users", "/api/v1/usersx", p));
}

TEST(ServerRoutes, TableIsCompleteAndConsistent) {
  std::set<std::string> seen;
  int open = 0;
  for (const auto& r : api_routes()) {
    EXPECT_TRUE(seen.insert(r.method + " " + r.pattern).second) << "duplicate " << r.pattern;
    EXPECT_NE(r.handler, nullptr) << r.pattern;
    EXPECT_EQ(r.pattern.rfind("/api/v1/", 0), 0u) << r.pattern;
    if (r.access == Access::Roles) {
      EXPECT_FALSE(r.roles.empty()) << r.pattern;
      for (const auto& role : r.roles) EXPECT_TRUE(auth::is_valid_role(role)) << role;
    }
    if (r.access == Access::Open) ++open;
    if (r.scope == Scope::OwnSchoolPath) {
      EXPECT_NE(r.pattern.find("{code}"), std::string::npos) << r.pattern;
    }
  }
  EXPECT_EQ(open, 3);  // health, login and the public 入学通知书 check
  EXPECT_EQ(seen.size(), 65u);  // docs/api.md lists 65 routes
}

TEST(ServerRoutes, OnlyFileUploadsTakeLargeBodies) {
  for (const auto& r : api_routes()) {
    bool uploads = r.pattern == "/api/v1/import/{kind}" || r.pattern == "/api/v1/enroll/data/{kind}" ||
                   (r.method == "POST" && (r.pattern == "/api/v1/enroll/runs" || r.pattern == "/api/v1/admit/rounds" ||
                                            r.pattern == "/api/v1/evaluate/datasets"));
    EXPECT_EQ(r.upload, uploads) << r.method << " " << r.pattern;
  }
}

TEST(ServerMasking, NamesKeepFirstAndLastCharacter) {
  EXPECT_EQ(mask_name("张三丰"), "张*丰");
  EXPECT_EQ(mask_name("张明"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧*娜");
  EXPECT_EQ(mask_name("王"), "*");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("Li Lei"), "L*i");
}

TEST(ServerProxy, ClientAddressFromForwardedForOnlyWhenTrustedAndLoopback) {
  httplib::Request r;
  r.remote_addr = "127.0.0.1";
  r.headers.emplace("X-Forwarded-For", "10.0.0.9, 203.0.113.7");
  EXPECT_EQ(server::client_address(r, true), "203.0.113.7");  // the entry nginx appended
  EXPECT_EQ(server::client_address(r, false), "127.0.0.1");
  r.remote_addr = "198.51.100.2";  // not our proxy: its header is the client's word
  EXPECT_EQ(server::client_address(r, true), "198.51.100.2");
  httplib::Request bad;
  bad.remote_addr = "::1";
  bad.headers.emplace("X-Forwarded-For", "<script>");
  EXPECT_EQ(server::client_address(bad, true), "::1");
  httplib::Request v6;
  v6.remote_addr = "::1";
  v6.headers.emplace("X-Forwarded-For", "2001:db8::1");
  EXPECT_EQ(server::client_address(v6, true), "2001:db8::1");
}
