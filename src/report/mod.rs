//! Report writers: terminal text, JSON, Markdown (the source decision's Bảng 3 / Bảng 4 layout).
