#pragma once
// FontAwesome 4 glyphs (Debian fonts-font-awesome), merged into the UI fonts by fonts.cpp.
// assets/CMakeLists.txt subsets the font to exactly these code points.
#define ICON_LOCK "\xef\x80\xa3"  // U+F023
#define ICON_UNLOCK "\xef\x82\x9c"  // U+F09C
#define ICON_EYE "\xef\x81\xae"  // U+F06E
#define ICON_PEN "\xef\x81\x80"  // U+F040
#define ICON_USER "\xef\x80\x87"  // U+F007
#define ICON_CIRCLE "\xef\x84\x91"  // U+F111
#define ICON_SEARCH "\xef\x80\x82"  // U+F002
#define ICON_HISTORY "\xef\x87\x9a"  // U+F1DA
#define ICON_COG "\xef\x80\x93"  // U+F013
#define ICON_SIGN_OUT "\xef\x82\x8b"  // U+F08B
#define ICON_SEND "\xef\x87\x98"  // U+F1D8
#define ICON_NOTE "\xef\x89\x89"  // U+F249
#define ICON_WARNING "\xef\x81\xb1"  // U+F071
#define ICON_CHECK "\xef\x80\x8c"  // U+F00C
#define ICON_REFRESH "\xef\x80\xa1"  // U+F021
#define ICON_USERS "\xef\x83\x80"  // U+F0C0
#define ICON_CLOCK "\xef\x80\x97"  // U+F017
#define ICON_ENVELOPE "\xef\x83\xa0"  // U+F0E0
#define ICON_COMMENT "\xef\x81\xb5"  // U+F075
#define ICON_COPY "\xef\x83\x85"  // U+F0C5
#define ICON_INBOX "\xef\x80\x9c"  // U+F01C
#define ICON_TIMES "\xef\x80\x8d"  // U+F00D
#define ICON_HAND "\xef\x89\x96"  // U+F256
#define ICON_ARROW_LEFT "\xef\x81\xa0"  // U+F060
#define ICON_FLAG "\xef\x80\xa4"  // U+F024
#define ICON_TAG "\xef\x80\xab"  // U+F02B
#define ICON_PLUG "\xef\x87\xa6"  // U+F1E6
#define ICON_EXCHANGE "\xef\x83\xac"  // U+F0EC
#define ICON_UNDO "\xef\x83\xa2"  // U+F0E2
#define ICON_CHART "\xef\x82\x80"  // U+F080
#define ICON_DOWNLOAD "\xef\x80\x99"  // U+F019
#define ICON_PAPERCLIP "\xef\x83\x86"  // U+F0C6
#define ICON_ADJUST "\xef\x81\x82"  // U+F042
#define ICON_KEYBOARD "\xef\x84\x9c"  // U+F11C
