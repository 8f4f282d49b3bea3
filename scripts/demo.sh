#!/usr/bin/env bash
# Generates the demo city and loads it into a SQLite database, only when the database is absent.
# Usage: scripts/demo.sh BUILD/youjun DB SEED   (YOUJUN_DEMO_SCALE=0.05 for a small city)
set -euo pipefail
YOUJUN=$1; DB=$2; SEED=${3:-20260901}
SCALE=${YOUJUN_DEMO_SCALE:-1.0}
if [ -f "$DB" ]; then
  echo "演示数据库已存在 demo database exists: $DB"
else
  DIR="$(dirname "$DB")/files"
  mkdir -p "$DIR"
  "$YOUJUN" demo generate --seed "$SEED" --scale "$SCALE" --out "$DIR"
  "$YOUJUN" demo load --db "$DB" --dir "$DIR"
fi
cat <<'TXT'
演示账号 demo accounts (password 密码: Youjun@2026)
  admin    局管理员 bureau_admin
  staff    局工作人员 bureau_staff
  school   学校管理员 school_admin（第一所学校）
  auditor  审计员 auditor
  parent   家长 parent（一名六年级学生的家长：体质健康、视力、五育）
  parent2  家长 parent（一名九年级学生的家长：中考录取结果）
TXT
