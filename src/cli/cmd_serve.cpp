// `youjun serve`: the web app and the HTTP API (docs/api.md) on one port.
#include <cstdio>
#include <memory>

#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "server/http_server.hpp"
#include "server/static_files.hpp"
#include "store/connection.hpp"

namespace youjun::cli {

namespace {

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void warn_if_no_users(const std::string& url) {
  auto db = store::open_database(url);
  if (!db) return;
  auto rows = (*db)->query("SELECT COUNT(*) FROM users");
  if (rows && !rows->empty() && (*rows)[0].integer(0) == 0)
    std::printf("提示：数据库中还没有用户。请先创建管理员：\n  youjun user add admin --role bureau_admin --db %s\n",
                url.c_str());
}

int run_serve(server::ServerConfig config, const DbArgs& db) {
  config.db_url = db.url;
  config.key_file = db.key_file;
  if (config.web_dir.empty()) config.web_dir = server::default_web_dir();
  server::block_stop_signals();  // before the server starts its own threads
  auto srv = server::HttpServer::create(config);
  if (!srv) return fail(srv.error().message);
  auto port = (*srv)->bind();
  if (!port) return fail(port.error().message);
  std::string shown_host = config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host;
  std::printf("优均服务已启动 / serving: http://%s:%d/  （按 Ctrl+C 停止）\n", shown_host.c_str(), *port);
  if (config.web_dir.empty())
    std::printf("提示：未找到已构建的网页（web/dist），浏览器将看到说明页；API 仍可使用。\n");
  else
    std::printf("网页目录 web: %s\n", config.web_dir.c_str());
  if (!is_loopback(config.host))
    std::printf("警告：正在非本机地址上以明文 HTTP 提供服务。生产环境请置于 HTTPS 反向代理之后，并加 --secure-cookie。\n");
  warn_if_no_users(config.db_url);
  std::fflush(stdout);
  return server::run_until_signal(**srv);
}

}  // namespace

void register_serve_command(CLI::App& app, Runner& selected) {
  auto* cmd = app.add_subcommand("serve", "启动网页界面与 HTTP API 服务 / run the web server");
  auto config = std::make_shared<server::ServerConfig>();
  auto db = std::make_shared<DbArgs>();
  add_db_options(cmd, *db);
  cmd->add_option("--host", config->host, "监听地址（默认 127.0.0.1）");
  cmd->add_option("--port", config->port, "端口（默认 8080）")->check(CLI::Range(1, 65535));
  cmd->add_option("--web", config->web_dir, "已构建的网页目录（默认 web/dist）");
  cmd->add_option("--profile", config->options.profile, "本局的策略配置（网上报名的类别认定；默认 national）");
  cmd->add_option("--db-pool", config->options.db_pool_size, "最多同时打开的数据库连接数（默认 16）")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--threads", config->worker_threads, "HTTP 工作线程数（默认 64；每个保持连接占用一个）")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--read-timeout", config->read_timeout_seconds, "读取请求的超时秒数（默认 30；防慢速请求占住连接）")
      ->check(CLI::Range(1, 3600));
  cmd->add_flag("--trust-proxy", config->trust_proxy,
                "在本机反向代理（nginx）之后：按 X-Forwarded-For 的最后一项识别客户端地址（登录限流、审计）");
  cmd->add_flag("--secure-cookie", config->options.secure_cookie,
                "会话 Cookie 加 Secure 属性（经 HTTPS 反向代理提供服务时使用）");
  auto quiet = std::make_shared<bool>(false);
  cmd->add_flag("--no-request-log", *quiet, "不在标准错误输出中逐条记录请求");
  on_run(cmd, selected, [config, db, quiet] {
    config->log_requests = !*quiet;
    return run_serve(*config, *db);
  });
}

}  // namespace youjun::cli
