### Importing a provider's attendance sheet (issue 18).
