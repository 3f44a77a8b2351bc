using DataBridge.CodeGen;

// Usage: dotnet run --project tools/DataBridge.CodeGen -- --shared ../shared/opcua --out .
string? shared = null;
var output = ".";
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--shared" when i + 1 < args.Length:
            shared = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--check":
            check = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: --shared <folder with StatusCode.csv, NodeIds.csv, Opc.Ua.Types.bsd…> [--out <repository root>] [--check]");
            return 2;
    }
}

if (shared is null || !Directory.Exists(shared))
{
    Console.Error.WriteLine($"The spec data folder '{shared}' does not exist. Pass --shared <path to shared/opcua> (e.g. ../shared/opcua).");
    return 2;
}

var files = Generator.Generate(shared);
var stale = 0;
foreach (var file in files)
{
    var path = Path.Combine(output, file.RelativePath);
    var current = File.Exists(path) ? File.ReadAllText(path) : null;
    if (current == file.Content)
    {
        continue;
    }

    stale++;
    if (check)
    {
        Console.WriteLine($"stale: {file.RelativePath}");
        continue;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, file.Content);
    Console.WriteLine($"wrote {file.RelativePath}");
}

Console.WriteLine($"{files.Count} files generated, {stale} {(check ? "stale" : "changed")}.");
return check && stale > 0 ? 1 : 0;
