"""The clause library and the catalogues it ships with: clause files and sections, third-party services, legal requirements."""
