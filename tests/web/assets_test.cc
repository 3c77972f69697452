#include "web/assets.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace shortlist::web {
namespace {

TEST(AssetsTest, FindsTheDashboardFilesWithTheirContentTypes) {
  const Asset* index = FindAsset("index.html");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_NE(index->bytes.find("<!doctype html>"), std::string_view::npos);
  const Asset* app = FindAsset("app.js");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->content_type, "text/javascript; charset=utf-8");
  const Asset* css = FindAsset("style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_NE(index->etag, app->etag);
  EXPECT_EQ(index->etag.front(), '"');
  EXPECT_EQ(index->etag.back(), '"');
}

TEST(AssetsTest, OnlyExactFileNamesMatch) {
  EXPECT_EQ(FindAsset(""), nullptr);
  EXPECT_EQ(FindAsset("missing.js"), nullptr);
  EXPECT_EQ(FindAsset("../index.html"), nullptr);
  EXPECT_EQ(FindAsset("assets/app.js"), nullptr);
  EXPECT_EQ(FindAsset("APP.JS"), nullptr);
}

TEST(AssetsTest, ContentTypesFollowTheExtension) {
  EXPECT_EQ(ContentTypeFor("a.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("a.bin"), "application/octet-stream");
}

// The page must load nothing from the internet and run no inline script: every <script> has a
// same-origin src, and no URL in the HTML names another host.
TEST(AssetsTest, IndexLoadsOnlyItsOwnFiles) {
  const std::string html(FindAsset("index.html")->bytes);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("//cdn"), std::string::npos);
  std::regex script("<script([^>]*)>");
  int scripts = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), script);
       it != std::sregex_iterator(); ++it) {
    ++scripts;
    EXPECT_NE((*it)[1].str().find("src=\"/assets/"), std::string::npos) << (*it)[0];
  }
  EXPECT_GE(scripts, 1);
  EXPECT_EQ(html.find(" style=\""), std::string::npos) << "inline styles break the CSP";
  EXPECT_EQ(html.find(" onclick="), std::string::npos) << "inline handlers break the CSP";
}

}  // namespace
}  // namespace shortlist::web
