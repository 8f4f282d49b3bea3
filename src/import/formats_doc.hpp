#pragma once
#include <string>

namespace youjun::import {
// docs/import-formats.md, written from the import-kind spec (`youjun import-formats`).
std::string import_formats_markdown();
}  // namespace youjun::import
