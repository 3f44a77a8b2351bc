namespace DataBridge.CodeGen;

/// <summary>One output file: its path relative to the repository root (forward slashes) and its text.</summary>
public sealed record GeneratedFile(string RelativePath, string Content);
