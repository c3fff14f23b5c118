### A woman's file.

women-identifiers_masked = The national ID, address and bank account are masked for your role.
