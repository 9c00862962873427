//! Dense ranking within blocks, block averages, band shares (largest remainder).
