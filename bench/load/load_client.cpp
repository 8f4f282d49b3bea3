// Load test client for `make bench` (issue 5 §3): N concurrent clients on loopback for D seconds against a
// running `youjun serve`, then invariant checks over the HTTP API. Each client is one staff session and one
// parent session (its own parent account, created through the API by ADMIN with 5,000 linked children).
// The mix:
//   parents  30 % status of one of their applications (GET /my/applications?id=), 15 % 网上报名 (a new child)
//   staff    10 % 材料审核 (a page of the queue, then approve one; 409 when another client approved it first),
//            25 % school list, 10 % school detail, 5 % audited student roster reads (each appends to the
//            hash-chained audit log), 5 % school edits with optimistic concurrency (GET row_version, PATCH).
//
// Usage: youjun_load URL SECONDS CLIENTS USER PASSWORD [ADMIN]
// Prints throughput, p50/p99 latency, errors, and the invariants:
//  - every acknowledged edit (200) is stored exactly once: per school, row_version - 1 == edits acknowledged;
//  - every acknowledged 报名 (201) is stored exactly once: each parent's applications == its acknowledged ones,
//    and the year's approved == acknowledged approvals;
//  - scripts/load.sh then compares the audit log's entries with the counts printed on the RESULT line.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Target {
  std::string host;
  int port = 0;
};

Target parse_url(const std::string& url) {
  Target t;
  auto rest = url.substr(url.find("://") + 3);
  auto colon = rest.find(':');
  t.host = rest.substr(0, colon);
  t.port = std::stoi(rest.substr(colon + 1));
  return t;
}

std::string login(httplib::Client& cli, const std::string& user, const std::string& password) {
  nlohmann::json body = {{"username", user}, {"password", password}, {"token", true}};
  auto r = cli.Post("/api/v1/auth/login", body.dump(), "application/json");
  if (!r || r->status != 200) return "";
  return nlohmann::json::parse(r->body).value("token", "");
}

struct Stats {
  std::vector<double> latency_ms;
  std::map<std::string, int64_t> ok, conflict, error;  // by action
  std::map<std::string, int64_t> edits_ok_by_school;
  std::map<int, int64_t> applications_by_client;
  std::map<std::string, double> ms_by_action;  // summed latency, for the per-action mean
};

// A valid ID number (GB 11643 check character) of a child born in 2024 — the load test's intake year is 2031.
std::string child_id(int client, int k) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "3306022024%02d%02d%03d", 1 + k % 12, 1 + (k / 12) % 28, (client * 997 + k) % 1000);
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return std::string(first17) + "10X98765432"[sum % 11];
}
constexpr int kChildren = 5000;  // per parent account: more than a client submits in a run
constexpr int kIntakeYear = 2031;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s URL SECONDS CLIENTS USER PASSWORD\n", argv[0]);
    return 2;
  }
  Target target = parse_url(argv[1]);
  int seconds = std::stoi(argv[2]), clients = std::stoi(argv[3]);
  std::string user = argv[4], password = argv[5];

  httplib::Client setup(target.host, target.port);
  std::string token = login(setup, user, password);
  if (token.empty()) {
    std::fprintf(stderr, "login failed\n");
    return 1;
  }
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  std::vector<std::string> schools;
  for (int page = 1; schools.size() < 2000; ++page) {
    auto r = setup.Get("/api/v1/schools?page_size=200&page=" + std::to_string(page), auth);
    if (!r || r->status != 200) break;
    auto j = nlohmann::json::parse(r->body);
    for (auto& s : j["items"]) schools.push_back(s["code"]);
    if (j["items"].size() < 200) break;
  }
  if (schools.empty()) {
    std::fprintf(stderr, "no schools\n");
    return 1;
  }
  // One parent account per client, its children linked by the bureau admin (unique ID numbers per client).
  std::string admin = argc > 6 ? argv[6] : "admin";
  std::string admin_token = login(setup, admin, password);
  if (admin_token.empty()) {
    std::fprintf(stderr, "admin login failed\n");
    return 1;
  }
  httplib::Headers admin_auth = {{"Authorization", "Bearer " + admin_token}};
  std::vector<std::vector<std::string>> children(clients);
  for (int i = 0; i < clients; ++i) {
    std::set<std::string> unique;
    for (int k = 0; unique.size() < kChildren; ++k) unique.insert(child_id(i, k));
    children[i].assign(unique.begin(), unique.end());
    nlohmann::json body = {{"username", "load-parent-" + std::to_string(i)}, {"password", password}, {"role", "parent"},
                           {"children", children[i]}};
    auto r = setup.Post("/api/v1/users", admin_auth, body.dump(), "application/json");
    if (!r || (r->status != 201 && r->status != 409)) {
      std::fprintf(stderr, "creating load-parent-%d failed: %s\n", i, r ? r->body.c_str() : "no answer");
      return 1;
    }
  }
  // Children differ between clients only by chance: an ID number used by two clients is skipped by the second.
  std::map<std::string, int> owner;
  for (int i = 0; i < clients; ++i)
    for (const auto& id : children[i]) owner.emplace(id, i);
  const std::string school_for_applications = schools.front();
  // Edits go to a small set of schools so that races (and 409s) actually happen.
  std::vector<std::string> hot(schools.begin(), schools.begin() + std::min<size_t>(8, schools.size()));
  std::map<std::string, int64_t> version_before;
  for (auto& code : hot)
    version_before[code] = nlohmann::json::parse(setup.Get("/api/v1/schools/" + code, auth)->body)["school"]["row_version"];
  std::atomic<bool> stop{false};
  std::mutex merge;
  Stats total;
  auto worker = [&](int id) {
    httplib::Client cli(target.host, target.port);
    cli.set_keep_alive(true);
    cli.set_tcp_nodelay(true);
    cli.set_read_timeout(30, 0);
    std::mt19937 rng(id * 7919 + 1);
    Stats s;
    std::string parent_token = login(cli, "load-parent-" + std::to_string(id), password);
    httplib::Headers parent = {{"Authorization", "Bearer " + parent_token}};
    std::vector<std::string> submitted;  // ids of this client's acknowledged applications
    size_t next_child = 0;
    while (!stop) {
      int dice = rng() % 100;
      std::string action;
      auto t0 = Clock::now();
      int status = 0;
      if (dice < 30 && !submitted.empty()) {
        action = "status";
        auto r = cli.Get("/api/v1/my/applications?id=" + submitted[rng() % submitted.size()], parent);
        status = r ? r->status : -1;
      } else if (dice < 45) {
        action = "apply";
        while (next_child < children[id].size() && owner[children[id][next_child]] != id) ++next_child;
        if (next_child == children[id].size()) continue;
        nlohmann::json body = {{"child_id_number", children[id][next_child++]},
                               {"child_name", "压测儿童"},
                               {"school_id", school_for_applications},
                               {"year", kIntakeYear},
                               {"facts", {{"hukou_in_catchment", true}}}};
        auto r = cli.Post("/api/v1/my/applications", parent, body.dump(), "application/json");
        status = r ? r->status : -1;
        if (status == 201) submitted.push_back(nlohmann::json::parse(r->body)["application"]["id"]);
      } else if (dice < 55) {
        action = "review";
        auto q = cli.Get("/api/v1/enroll/applications?status=submitted&limit=20&year=" + std::to_string(kIntakeYear), auth);
        status = q ? q->status : -1;
        if (status == 200) {
          auto items = nlohmann::json::parse(q->body)["items"];
          if (items.empty()) action = "queue";  // nothing waiting: a read of the queue only
          if (!items.empty()) {
            const auto& a = items[rng() % items.size()];
            nlohmann::json body = {{"decision", "approve"}, {"version", a["version"]}};
            auto p = cli.Post("/api/v1/enroll/applications/" + a["id"].get<std::string>() + "/review", auth, body.dump(), "application/json");
            status = p ? p->status : -1;
            if (status == 400) status = 409;  // approved by another client between the queue and the review
          }
        }
      } else if (dice < 80) {
        action = "list";
        auto r = cli.Get("/api/v1/schools?page=" + std::to_string(1 + rng() % 5), auth);
        status = r ? r->status : -1;
      } else if (dice < 90) {
        action = "detail";
        auto r = cli.Get("/api/v1/schools/" + schools[rng() % schools.size()], auth);
        status = r ? r->status : -1;
      } else if (dice < 95) {
        action = "roster";  // audited read
        auto r = cli.Get("/api/v1/schools/" + schools[rng() % schools.size()] + "/students?page_size=50", auth);
        status = r ? r->status : -1;
      } else {
        action = "edit";
        const std::string& code = hot[rng() % hot.size()];
        auto r = cli.Get("/api/v1/schools/" + code, auth);
        if (r && r->status == 200) {
          int64_t v = nlohmann::json::parse(r->body)["school"]["row_version"];
          nlohmann::json body = {{"row_version", v}, {"address", "压测地址 " + std::to_string(rng() % 1000)}};
          auto p = cli.Patch("/api/v1/schools/" + code, auth, body.dump(), "application/json");
          status = p ? p->status : -1;
          if (status == 200) ++s.edits_ok_by_school[code];
        } else {
          status = r ? r->status : -1;
        }
      }
      s.latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      s.ms_by_action[action] += s.latency_ms.back();
      if (status >= 200 && status < 300) ++s.ok[action];
      else if (status == 409) ++s.conflict[action];
      else ++s.error[action];
    }
    std::lock_guard<std::mutex> lock(merge);
    total.latency_ms.insert(total.latency_ms.end(), s.latency_ms.begin(), s.latency_ms.end());
    for (auto& [k, v] : s.ok) total.ok[k] += v;
    for (auto& [k, v] : s.conflict) total.conflict[k] += v;
    for (auto& [k, v] : s.error) total.error[k] += v;
    for (auto& [k, v] : s.edits_ok_by_school) total.edits_ok_by_school[k] += v;
    for (auto& [k, v] : s.ms_by_action) total.ms_by_action[k] += v;
    total.applications_by_client[id] = static_cast<int64_t>(submitted.size());
  };
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) threads.emplace_back(worker, i);
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  auto& lat = total.latency_ms;
  std::sort(lat.begin(), lat.end());
  auto pct = [&](double p) { return lat.empty() ? 0.0 : lat[std::min(lat.size() - 1, static_cast<size_t>(p * lat.size()))]; };
  int64_t errors = 0, conflicts = 0, oks = 0;
  for (auto& [k, v] : total.error) errors += v;
  for (auto& [k, v] : total.conflict) conflicts += v;
  for (auto& [k, v] : total.ok) oks += v;
  std::printf("load: %d clients, %.1f s: %zu requests (%.0f req/s; an edit = GET + PATCH counts once), p50 %.1f ms, p99 %.1f ms, "
              "errors %lld, edit conflicts (409) %lld\n",
              clients, elapsed, lat.size(), lat.size() / elapsed, pct(0.50), pct(0.99), static_cast<long long>(errors),
              static_cast<long long>(conflicts));
  for (auto& [k, v] : total.ok) {
    int64_t n = v + total.conflict[k] + total.error[k];
    std::printf("  %-7s ok %lld, mean %.1f ms\n", k.c_str(), static_cast<long long>(v), n ? total.ms_by_action[k] / n : 0.0);
  }
  for (auto& [k, v] : total.error) std::printf("  %-7s errors %lld\n", k.c_str(), static_cast<long long>(v));

  // Invariants.
  bool edits_match = true;
  int64_t edits_ok = 0;
  for (auto& code : hot) {
    int64_t after = nlohmann::json::parse(setup.Get("/api/v1/schools/" + code, auth)->body)["school"]["row_version"];
    int64_t acked = total.edits_ok_by_school[code];
    edits_ok += acked;
    if (after - version_before[code] != acked) {
      std::printf("  LOST/DUPLICATED: school %s row_version %lld -> %lld but %lld edits acknowledged\n", code.c_str(),
                  static_cast<long long>(version_before[code]), static_cast<long long>(after), static_cast<long long>(acked));
      edits_match = false;
    }
  }
  std::printf("invariants: edits acknowledged %lld = row versions advanced: %s\n", static_cast<long long>(edits_ok),
              edits_match ? "yes" : "NO");
  // Every acknowledged 报名 stored exactly once, under its parent; every acknowledged approval stored.
  int64_t applied = 0, stored = 0;
  bool applications_ok = true;
  for (int i = 0; i < clients; ++i) {
    httplib::Client cli(target.host, target.port);
    std::string t = login(cli, "load-parent-" + std::to_string(i), password);
    auto r = cli.Get("/api/v1/my/applications", httplib::Headers{{"Authorization", "Bearer " + t}});
    int64_t mine = r && r->status == 200 ? static_cast<int64_t>(nlohmann::json::parse(r->body)["items"].size()) : -1;
    applied += total.applications_by_client[i];
    stored += mine;
    if (mine != total.applications_by_client[i]) applications_ok = false;
  }
  auto queue = setup.Get("/api/v1/enroll/applications?limit=1&year=" + std::to_string(kIntakeYear), auth);
  auto counts = queue && queue->status == 200 ? nlohmann::json::parse(queue->body)["counts"] : nlohmann::json::object();
  int64_t approved = counts.value("approved", 0), year_total = 0;
  for (auto& [k, v] : counts.items()) year_total += v.get<int64_t>();
  applications_ok = applications_ok && approved == total.ok["review"] && year_total == applied;
  std::printf("invariants: 报名 acknowledged %lld = stored under their parents %lld = the year's %lld; approvals acknowledged %lld = approved %lld: %s\n",
              static_cast<long long>(applied), static_cast<long long>(stored), static_cast<long long>(year_total),
              static_cast<long long>(total.ok["review"]), static_cast<long long>(approved), applications_ok ? "yes" : "NO");
  bool ok = errors == 0 && edits_match && applications_ok;
  // For the script's audit-log comparison (scripts/load.sh).
  std::printf("RESULT edits_ok=%lld roster_ok=%lld apply_ok=%lld review_ok=%lld\n", static_cast<long long>(edits_ok),
              static_cast<long long>(total.ok["roster"]), static_cast<long long>(applied), static_cast<long long>(total.ok["review"]));
  return ok ? 0 : 1;
}
