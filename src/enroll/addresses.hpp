#pragma once
// 地址库 (issue 6 §1): addresses with coordinates, so a parent finds their catchment by typing an address
// instead of coordinates. Uploaded as `address_id,address,lon,lat` (WGS-84 or GCJ-02, declared per file),
// stored converted to WGS-84 as a versioned 招生基础数据 file (kind "addresses"), searched in memory.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "enroll/datasets.hpp"
#include "enroll/enroll_files.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

// The stored form: header address_id,address,lon,lat; WGS-84 degrees with 6 decimals (about 0.1 m).
std::string addresses_csv(const AddressPoints& points);
CheckedUpload check_addresses_upload(const io::Table& table, geo::Crs crs);

// What a search compares: spaces dropped, full-width ASCII (ＡＢ１２－) made half-width, ASCII letters lower-cased.
std::string search_key(std::string_view text);

class AddressBook {
 public:
  explicit AddressBook(AddressPoints points);
  // Addresses whose text contains every space-separated word of `query` (search_key of each), in file
  // order, at most `limit`.
  std::vector<size_t> search(std::string_view query, size_t limit) const;
  const AddressPoints& points() const { return points_; }

 private:
  AddressPoints points_;
  std::vector<std::string> keys_;
};

// The address book in force, parsed once per stored version; null when none was uploaded.
Result<std::shared_ptr<const AddressBook>> current_address_book(store::Connection& db);

}  // namespace youjun::enroll
