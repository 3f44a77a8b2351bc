// Replaced by the generator (parse -> model -> emit). See tools/README in a later commit.
return 0;
