// `youjun demo generate --seed N --out DIR [--scale 1.0]`: the synthetic demo city (src/demo/).
#include <chrono>
#include <cstdio>

#include "cli/cli.hpp"
#include "demo/generate.hpp"

namespace youjun::cli {

namespace {

struct DemoArgs {
  uint64_t seed = 20260901;
  double scale = 1.0;
  std::string out;
  bool quiet = false;
};

int run_generate(const DemoArgs& args) {
  auto started = std::chrono::steady_clock::now();
  demo::DemoOptions options;
  options.seed = args.seed;
  options.scale = args.scale;
  options.out_dir = args.out;
  if (!args.quiet) options.progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  auto summary = demo::generate_demo_city(options);
  if (!summary) return fail(summary.error().message);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("演示城市已生成 demo city written to %s: %zu 所学校 schools, %zu 名教师 teachers, %zu 名学生 students, "
              "%zu 个学区 catchments (%.1f s)\n",
              args.out.c_str(), summary->schools, summary->teachers, summary->students, summary->catchments, seconds);
  return kExitOk;
}

}  // namespace

void register_demo_commands(CLI::App& app, Runner& selected) {
  auto* demo = app.add_subcommand("demo", "演示数据：生成以绍兴为原型的合成城市 / synthetic demo city");
  demo->require_subcommand(1);
  auto args = std::make_shared<DemoArgs>();

  auto* gen = demo->add_subcommand("generate", "生成学校、教师、学生、学区文件 / write the demo import files");
  gen->add_option("--seed", args->seed, "随机种子（同一种子生成相同文件）/ seed")->required();
  gen->add_option("--out", args->out, "输出目录 / output directory")->required();
  gen->add_option("--scale", args->scale, "规模，1.0 ≈ 250 所学校、20 万学生 / size factor")
      ->check(CLI::Range(demo::kMinScale, demo::kMaxScale));
  gen->add_flag("--quiet", args->quiet, "不输出进度 / no progress lines");
  on_run(gen, selected, [args] { return run_generate(*args); });
}

}  // namespace youjun::cli
