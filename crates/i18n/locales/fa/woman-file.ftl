### A woman's file.

women-identifiers_masked = کد ملی، نشانی و شمارهٔ شبا برای نقش شما پوشیده است.
