// The tree this program was built from. In a file of its own because the path differs in every
// copy of the workbook: the tool's other objects, main.cpp's included, are then the same in every
// copy and ccache shares them.
#ifndef WORKBOOK_SOURCE_DIR
#define WORKBOOK_SOURCE_DIR "."
#endif

namespace workbook::tool {

const char* source_dir() {
  return WORKBOOK_SOURCE_DIR;
}

}  // namespace workbook::tool
