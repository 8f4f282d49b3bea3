#include "core/personal_data.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

using namespace youjun;

TEST(PersonalData, EncryptRoundTripAndTamperDetection) {
  std::array<unsigned char, 32> master{};
  master[0] = 7;
  auto key = PersonalDataKey::from_bytes(master);
  std::string enc = key.encrypt("11010519491231002X");
  EXPECT_EQ(enc.find("1101051949"), std::string::npos);
  EXPECT_EQ(*key.decrypt(enc), "11010519491231002X");
  std::string tampered = enc;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(key.decrypt(tampered).ok());
  // Two encryptions differ (random nonce) but the lookup hash is stable and keyed.
  EXPECT_NE(key.encrypt("x"), key.encrypt("x"));
  EXPECT_EQ(key.lookup_hash("x"), key.lookup_hash("x"));
  master[0] = 8;
  EXPECT_NE(PersonalDataKey::from_bytes(master).lookup_hash("x"), key.lookup_hash("x"));
}

TEST(PersonalData, KeyFileCreatedWith0600) {
  auto dir = std::filesystem::temp_directory_path() / ("yj-key-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "k.key").string();
  auto k1 = PersonalDataKey::load_or_create(path);
  ASSERT_TRUE(k1.ok());
  struct stat st{};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  auto k2 = PersonalDataKey::load_or_create(path);
  ASSERT_TRUE(k2.ok());
  EXPECT_EQ(k1->lookup_hash("a"), k2->lookup_hash("a"));
  std::filesystem::remove_all(dir);
}

TEST(PersonalData, Sha256KnownVector) {
  // FIPS 180-2 test vector.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
