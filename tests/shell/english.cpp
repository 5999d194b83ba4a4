// Every workspace test reads the English words from the real catalogs (assets/i18n), whatever its
// fixture: the catalogs are loaded once for the whole test program.
#include <gtest/gtest.h>

#include "i18n/words.hpp"

namespace {

class EnglishCatalogs : public ::testing::Environment {
 public:
  void SetUp() override {
    baton::shell::i18n::set_languages(baton::shell::i18n::Languages::load(BATON_TEST_ASSETS "/i18n"));
    baton::shell::i18n::use("en");
  }
};

const auto* registered = ::testing::AddGlobalTestEnvironment(new EnglishCatalogs);

}  // namespace
