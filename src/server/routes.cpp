#include "server/routes.hpp"

#include <algorithm>

#include "auth/roles.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

std::vector<std::string> roles(std::initializer_list<std::string_view> list) {
  return std::vector<std::string>(list.begin(), list.end());
}

}  // namespace

const std::vector<Route>& api_routes() {
  using namespace auth;
  const auto readers = roles({kBureauAdmin, kBureauStaff, kAuditor, kSchoolAdmin});
  const auto importers = roles({kBureauAdmin, kBureauStaff, kSchoolAdmin});
  const auto run_staff = roles({kBureauAdmin, kBureauStaff});
  const auto run_readers = roles({kBureauAdmin, kBureauStaff, kAuditor});
  static const std::vector<Route> table = {
      {"GET", "/api/v1/health", Access::Open, {}, Scope::None, false, handle_health, "服务状态"},
      {"POST", "/api/v1/auth/login", Access::Open, {}, Scope::None, false, handle_login, "登录"},
      {"POST", "/api/v1/auth/logout", Access::AnySession, {}, Scope::None, false, handle_logout, "退出登录"},
      {"GET", "/api/v1/auth/me", Access::AnySession, {}, Scope::None, false, handle_me, "当前用户"},
      {"GET", "/api/v1/overview", Access::Roles, readers, Scope::OwnSchoolFilter, false, handle_overview, "全市总览"},
      {"GET", "/api/v1/schools", Access::Roles, readers, Scope::OwnSchoolFilter, false, handle_schools, "学校列表"},
      {"GET", "/api/v1/schools/{code}", Access::Roles, readers, Scope::OwnSchoolPath, false, handle_school, "学校详情"},
      {"PATCH", "/api/v1/schools/{code}", Access::Roles, importers, Scope::OwnSchoolPath, false, handle_update_school,
       "修改学校基本信息（乐观并发：须带 row_version）"},
      {"GET", "/api/v1/schools/{code}/students", Access::Roles, readers, Scope::OwnSchoolPath, false, handle_students,
       "学生名单（脱敏，记入审计）"},
      {"GET", "/api/v1/schools/{code}/balance", Access::Roles, readers, Scope::OwnSchoolPath, false, handle_school_balance,
       "学校优质均衡指标与达标规划"},
      {"GET", "/api/v1/import/kinds", Access::Roles, importers, Scope::OwnSchoolFilter, false, handle_import_kinds,
       "导入类型"},
      {"POST", "/api/v1/import/{kind}", Access::Roles, importers, Scope::OwnSchoolRows, true, handle_import, "导入数据"},
      {"GET", "/api/v1/users", Access::Roles, roles({kBureauAdmin}), Scope::None, false, handle_users, "用户列表"},
      {"POST", "/api/v1/users", Access::Roles, roles({kBureauAdmin}), Scope::None, false, handle_create_user, "新建用户"},
      {"PUT", "/api/v1/users/{username}", Access::Roles, roles({kBureauAdmin}), Scope::None, false, handle_update_user,
       "修改用户"},
      {"GET", "/api/v1/audit", Access::Roles, roles({kBureauAdmin, kAuditor}), Scope::None, false, handle_audit,
       "审计日志"},
      {"GET", "/api/v1/my/children", Access::Roles, roles({kParent}), Scope::OwnChildren, false, handle_my_children,
       "我的子女"},
      {"GET", "/api/v1/my/children/{student_no}/development", Access::Roles, roles({kParent}), Scope::OwnChildren, false,
       handle_child_development, "我的孩子：体质健康、视力与五育"},
      {"GET", "/api/v1/my/children/{student_no}/admission", Access::Roles, roles({kParent}), Scope::OwnChildren, false,
       handle_child_admission, "我的孩子：中考录取结果与说明"},
      {"GET", "/api/v1/my/applications", Access::Roles, roles({kParent}), Scope::OwnChildren, false, handle_my_applications,
       "我的报名：状态、类别认定与派位结果"},
      {"POST", "/api/v1/my/applications", Access::Roles, roles({kParent}), Scope::OwnChildren, false, handle_submit_application,
       "网上报名（本人子女）"},
      {"PUT", "/api/v1/my/applications/{id}", Access::Roles, roles({kParent}), Scope::OwnChildren, false,
       handle_resubmit_application, "修改被退回的报名并重新提交"},
      {"POST", "/api/v1/my/applications/{id}/withdraw", Access::Roles, roles({kParent}), Scope::OwnChildren, false,
       handle_withdraw_application, "撤回报名"},
      {"GET", "/api/v1/my/applications/{id}/notice.pdf", Access::Roles, roles({kParent}), Scope::OwnChildren, false,
       handle_notice_pdf, "下载入学通知书（PDF，带查验码）"},
      {"POST", "/api/v1/enroll/runs/{id}/notices", Access::Roles, run_staff, Scope::None, false, handle_issue_notices,
       "签发入学通知书（已公布的派位）"},
      {"GET", "/api/v1/enroll/notices", Access::Roles, readers, Scope::OwnSchoolFilter, false, handle_notices,
       "入学通知书与报到名单（学校只见本校）"},
      {"POST", "/api/v1/enroll/notices/{code}/report", Access::Roles, importers, Scope::None, false, handle_report_notice,
       "报到登记（凭查验码；学校只能登记本校）"},
      {"POST", "/api/v1/enroll/notices/{code}/revoke", Access::Roles, run_staff, Scope::None, false, handle_revoke_notice,
       "撤销入学通知书（未报到的）"},
      {"GET", "/api/v1/notices/verify", Access::Open, {}, Scope::None, false, handle_verify_notice, "入学通知书真伪查验（公开）"},
      {"GET", "/api/v1/enroll/applications", Access::Roles, run_readers, Scope::None, false, handle_applications,
       "报名审核队列（留痕）"},
      {"POST", "/api/v1/enroll/applications/{id}/review", Access::Roles, run_staff, Scope::None, false,
       handle_review_application, "材料审核：通过或退回（须写原因）"},
      {"GET", "/api/v1/enroll/migrant-share", Access::Roles, roles({kBureauAdmin, kBureauStaff, kAuditor}), Scope::None,
       false, handle_migrant_share, "随迁子女公办就读比例"},
      {"GET", "/api/v1/enroll/runs", Access::Roles, run_readers, Scope::None, false, handle_runs, "派位列表"},
      {"POST", "/api/v1/enroll/runs", Access::Roles, run_staff, Scope::None, true, handle_create_run, "登记派位名单"},
      {"GET", "/api/v1/enroll/runs/{id}", Access::Roles, run_readers, Scope::None, false, handle_run, "派位详情"},
      {"POST", "/api/v1/enroll/runs/{id}/draw", Access::Roles, run_staff, Scope::None, false, handle_draw_run, "派位（输入种子）"},
      {"GET", "/api/v1/enroll/runs/{id}/explain", Access::Roles, run_readers, Scope::None, false, handle_explain_run,
       "多校划片结果解释"},
      {"POST", "/api/v1/enroll/runs/{id}/publish", Access::Roles, run_staff, Scope::None, false, handle_publish_run,
       "公布派位结果"},
      {"GET", "/api/v1/enroll/runs/{id}/files/{name}", Access::Roles, run_readers, Scope::None, false, handle_run_file,
       "派位文件下载"},
      {"GET", "/api/v1/enroll/data", Access::Roles, run_readers, Scope::None, false, handle_datasets, "招生基础数据"},
      {"POST", "/api/v1/enroll/data/{kind}", Access::Roles, run_staff, Scope::None, true, handle_upload_dataset,
       "上传招生基础数据"},
      {"GET", "/api/v1/enroll/warnings", Access::Roles, run_readers, Scope::None, false, handle_warnings, "学区预警"},
      {"GET", "/api/v1/enroll/locate", Access::AnySession, {}, Scope::None, false, handle_locate, "学区查询"},
      {"GET", "/api/v1/enroll/addresses", Access::AnySession, {}, Scope::None, false, handle_address_search, "按地址查询学区"},
      {"GET", "/api/v1/admit/rounds", Access::Roles, run_readers, Scope::None, false, handle_admit_rounds, "高中招生轮次列表"},
      {"POST", "/api/v1/admit/rounds", Access::Roles, run_staff, Scope::None, true, handle_create_admit_round,
       "新建高中招生轮次（上传高中、初中、考生文件）"},
      {"GET", "/api/v1/admit/rounds/{id}", Access::Roles, run_readers, Scope::None, false, handle_admit_round,
       "招生轮次详情：名额表、指标到校比例、录取线"},
      {"PUT", "/api/v1/admit/rounds/{id}/quota", Access::Roles, run_staff, Scope::None, false, handle_edit_admit_quota,
       "修改名额表一格（录取前，留痕）"},
      {"POST", "/api/v1/admit/rounds/{id}/admit", Access::Roles, run_staff, Scope::None, false, handle_admit_round_admit,
       "录取（输入种子）"},
      {"POST", "/api/v1/admit/rounds/{id}/publish", Access::Roles, run_staff, Scope::None, false, handle_admit_round_publish,
       "公布录取结果"},
      {"GET", "/api/v1/admit/rounds/{id}/students/{student_id}", Access::Roles, run_readers, Scope::None, false,
       handle_admit_round_student, "考生录取结果与解释（留痕）"},
      {"GET", "/api/v1/admit/rounds/{id}/export.xlsx", Access::Roles, run_readers, Scope::None, false, handle_admit_round_export,
       "导出录取名单与录取线（XLSX，留痕）"},
      {"GET", "/api/v1/admit/rounds/{id}/files/{name}", Access::Roles, run_readers, Scope::None, false, handle_admit_round_file,
       "下载核对文件"},
      {"GET", "/api/v1/evaluate/datasets", Access::Roles, readers, Scope::OwnSchoolFilter, false, handle_health_datasets,
       "体质健康、视力筛查数据集列表"},
      {"POST", "/api/v1/evaluate/datasets", Access::Roles, run_staff, Scope::None, true, handle_create_health_dataset,
       "上传体质健康测试成绩或视力筛查数据（逐行校验后评分）"},
      {"GET", "/api/v1/evaluate/datasets/{id}", Access::Roles, readers, Scope::OwnSchoolFilter, false, handle_health_dataset,
       "数据集汇总：合格率、优良率、近视率、逐年变化"},
      {"GET", "/api/v1/evaluate/datasets/{id}/students", Access::Roles, readers, Scope::OwnSchoolFilter, false,
       handle_health_dataset_students, "学生个人结果（学校只见等级，不排名；留痕）"},
      {"PUT", "/api/v1/evaluate/wuyu/records", Access::Roles, importers, Scope::OwnSchoolFilter, false, handle_set_wuyu_record,
       "填写五育评价记录（一名学生、一个学期、一项指标；留痕）"},
      {"PUT", "/api/v1/evaluate/quality/records", Access::Roles, importers, Scope::OwnSchoolFilter, false, handle_set_quality_record,
       "填写综合素质写实记录（留痕）"},
      {"GET", "/api/v1/evaluate/wuyu", Access::Roles, readers, Scope::OwnSchoolFilter, false, handle_wuyu_school,
       "学校一个学期的五育评价：班级与学校各维度平均、学生等级"},
      {"GET", "/api/v1/evaluate/wuyu/students/{student_id}", Access::Roles, readers, Scope::OwnSchoolFilter, false,
       handle_wuyu_student, "学生成长画像：各学期五育记录与维度（留痕）"},
      {"GET", "/api/v1/balance/evaluation", Access::Roles, run_readers, Scope::None, false, handle_balance_evaluation,
       "优质均衡资源配置评估"},
      {"GET", "/api/v1/balance/plan", Access::Roles, run_readers, Scope::None, false, handle_balance_plan, "优质均衡达标规划"},
      {"GET", "/api/v1/balance/creations", Access::Roles, run_readers, Scope::None, false, handle_balance_creations,
       "五大创建进度（对照 004 进度安排）"},
      {"POST", "/api/v1/balance/creations", Access::Roles, run_staff, Scope::None, false, handle_upload_creations,
       "上传五大创建达成情况"},
  };
  return table;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  params.clear();
  size_t p = 0, q = 0;
  while (p < pattern.size() && q < path.size()) {
    if (pattern[p] == '{') {
      size_t close = pattern.find('}', p);
      size_t end = path.find('/', q);
      if (end == std::string_view::npos) end = path.size();
      if (close == std::string_view::npos || end == q) return false;
      params[std::string(pattern.substr(p + 1, close - p - 1))] = std::string(path.substr(q, end - q));
      p = close + 1;
      q = end;
    } else {
      if (pattern[p] != path[q]) return false;
      ++p;
      ++q;
    }
  }
  return p == pattern.size() && q == path.size();
}

bool is_state_changing(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool role_allowed(const Route& route, std::string_view role) {
  if (route.access != Access::Roles) return true;
  return std::find(route.roles.begin(), route.roles.end(), role) != route.roles.end();
}

}  // namespace youjun::server
