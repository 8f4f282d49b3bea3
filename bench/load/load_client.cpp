// Load test client for `make bench` (issue 5 §3): N concurrent clients on loopback for D seconds against a
// running `youjun serve`, then invariant checks over the HTTP API. The mix uses the routes that exist
// today (the enrollment routes of issue 6 will join it): school list and detail reads, audited student
// roster reads (each one appends to the hash-chained audit log: a write on every read), and school edits
// with optimistic concurrency (read row_version, PATCH; 409 when another client won the race).
//
// Usage: youjun_load URL SECONDS CLIENTS USER PASSWORD
// Prints throughput, p50/p99 latency, errors, and the invariants:
//  - every acknowledged edit (200) is stored exactly once: per school, row_version - 1 == edits acknowledged;
//  - the audit chain verifies; scripts/load.sh then compares the audit log's school.update and
//    students.read entries with the acknowledged counts printed on the RESULT line.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
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
};

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
    while (!stop) {
      int dice = rng() % 100;
      std::string action;
      auto t0 = Clock::now();
      int status = 0;
      if (dice < 55) {
        action = "list";
        auto r = cli.Get("/api/v1/schools?page=" + std::to_string(1 + rng() % 5), auth);
        status = r ? r->status : -1;
      } else if (dice < 80) {
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
  for (auto& [k, v] : total.ok) std::printf("  %-7s ok %lld\n", k.c_str(), static_cast<long long>(v));
  for (auto& [k, v] : total.error) std::printf("  %-7s errors %lld\n", k.c_str(), static_cast<long long>(v));

  // Invariants.
  bool ok = errors == 0;
  int64_t edits_ok = 0;
  for (auto& code : hot) {
    int64_t after = nlohmann::json::parse(setup.Get("/api/v1/schools/" + code, auth)->body)["school"]["row_version"];
    int64_t acked = total.edits_ok_by_school[code];
    edits_ok += acked;
    if (after - version_before[code] != acked) {
      std::printf("  LOST/DUPLICATED: school %s row_version %lld -> %lld but %lld edits acknowledged\n", code.c_str(),
                  static_cast<long long>(version_before[code]), static_cast<long long>(after), static_cast<long long>(acked));
      ok = false;
    }
  }
  std::printf("invariants: edits acknowledged %lld = row versions advanced: %s\n", static_cast<long long>(edits_ok),
              ok ? "yes" : "NO");
  // For the script's audit-log comparison (scripts/load.sh).
  std::printf("RESULT edits_ok=%lld roster_ok=%lld\n", static_cast<long long>(edits_ok),
              static_cast<long long>(total.ok["roster"]));
  return ok ? 0 : 1;
}
