using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using DataBridge.Connectors.OpcUa.Encoding;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Generated;

/// <summary>
/// Promise 2 of the brief, checked in the built assemblies rather than in names: no type can encode itself as a
/// write-type service request, and no method body builds the NodeId of such a request's binary encoding by hand
/// (a literal such as <c>new NodeId(673)</c> followed by a writer call would slip past every name-based check).
/// The encoding ids are the Default Binary encodings of NodeIds.csv (OPC 10000-6 §5.2.2.15 writes them before the body).
/// </summary>
public sealed class WriteEncodingScanTests
{
    // Default Binary encoding ids of the write-type service requests (and their items) in NodeIds.csv.
    private static readonly Dictionary<uint, string> ForbiddenEncodings = new()
    {
        [488] = "AddNodesRequest",
        [494] = "AddReferencesRequest",
        [500] = "DeleteNodesRequest",
        [506] = "DeleteReferencesRequest",
        [670] = "WriteValue",
        [673] = "WriteRequest",
        [700] = "HistoryUpdateRequest",
        [706] = "CallMethodRequest",
        [712] = "CallRequest",
    };

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_encodeable_type_in_the_connector_has_the_binary_encoding_of_a_write_type_service()
    {
        var encodeables = typeof(IEncodeable).Assembly.GetTypes()
            .Where(t => typeof(IEncodeable).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        Assert.True(encodeables.Count >= 50, $"only {encodeables.Count} encodeable types found; the scan would prove nothing");

        var readRequestFound = false;
        foreach (var type in encodeables)
        {
            var id = ((IEncodeable)Activator.CreateInstance(type)!).BinaryEncodingId;
            Assert.False(
                id.NamespaceIndex == 0 && ForbiddenEncodings.TryGetValue(id.NumericIdentifier, out var name),
                $"{type.FullName} encodes as {id}, the encoding of a write-type service structure");
            readRequestFound |= id.NamespaceIndex == 0 && id.NumericIdentifier == 631; // ReadRequest_Encoding_DefaultBinary
        }

        Assert.True(readRequestFound, "ReadRequest's encoding was not among the scanned types; the scan looks at the wrong assembly");
    }

    [Fact]
    public void No_method_of_the_edge_assemblies_builds_a_write_type_encoding_id_from_a_literal()
    {
        var assemblies = EdgeAssemblies();
        Assert.Contains(assemblies, a => a.GetName().Name == "DataBridge.Bridge");
        Assert.Contains(assemblies, a => a.GetName().Name == "DataBridge.Connectors.OpcUa");

        var findings = new List<string>();
        var scannedMethods = 0;
        foreach (var assembly in assemblies)
        {
            foreach (var type in LoadableTypes(assembly))
            {
                const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
                foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                {
                    var il = method.GetMethodBody()?.GetILAsByteArray();
                    if (il is null)
                    {
                        continue;
                    }

                    scannedMethods++;
                    foreach (var finding in ScanMethod(method, il))
                    {
                        findings.Add($"{type.FullName}.{method.Name}: {finding}");
                    }
                }
            }
        }

        Assert.True(scannedMethods > 1000, $"only {scannedMethods} method bodies scanned");
        Assert.True(findings.Count == 0, "Write-type encoding ids built in code:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void The_scan_finds_a_write_request_encoding_id_built_by_hand()
    {
        var method = typeof(WriteEncodingScanTests).GetMethod(nameof(HandMadeWriteRequestTypeId), BindingFlags.NonPublic | BindingFlags.Static)!;
        var findings = ScanMethod(method, method.GetMethodBody()!.GetILAsByteArray()!).ToList();
        Assert.Single(findings);
        Assert.Contains("WriteRequest", findings[0], StringComparison.Ordinal);
    }

    // Only here so the scanner proves it can see such a literal; never called.
    private static DataBridge.Connectors.OpcUa.Encoding.Types.NodeId HandMadeWriteRequestTypeId() => new(673u);

    /// <summary>
    /// Walks the IL and reports a forbidden constant that is passed straight to a NodeId constructor or to a writer
    /// method (the two ways an encoding id reaches the wire).
    /// </summary>
    private static IEnumerable<string> ScanMethod(MethodBase method, byte[] il)
    {
        // Constants loaded by the last few instructions: a NodeId constructor takes the namespace index after the id.
        var recent = new Queue<long>();
        var position = 0;
        while (position < il.Length)
        {
            OpCode opcode;
            if (il[position] == 0xFE && position + 1 < il.Length)
            {
                opcode = OpCodesByValue[unchecked((short)(0xFE00 | il[position + 1]))];
                position += 2;
            }
            else
            {
                opcode = OpCodesByValue[il[position]];
                position += 1;
            }

            var operandStart = position;
            position += OperandSize(opcode, il, position);
            long? constant = null;
            if (opcode == OpCodes.Ldc_I4)
            {
                constant = BitConverter.ToInt32(il, operandStart);
            }
            else if (opcode == OpCodes.Ldc_I8)
            {
                constant = BitConverter.ToInt64(il, operandStart);
            }

            if (opcode == OpCodes.Newobj || opcode == OpCodes.Call || opcode == OpCodes.Callvirt)
            {
                foreach (var value in recent)
                {
                    if (value is >= 0 and <= uint.MaxValue && ForbiddenEncodings.TryGetValue((uint)value, out var name))
                    {
                        var target = ResolveMethod(method, BitConverter.ToInt32(il, operandStart));
                        if (target is not null && (target.DeclaringType?.Name.Contains("NodeId", StringComparison.Ordinal) == true || target.Name.StartsWith("Write", StringComparison.Ordinal)))
                        {
                            yield return $"{value} ({name}_Encoding_DefaultBinary) passed to {target.DeclaringType?.Name}.{target.Name}";
                        }
                    }
                }

                recent.Clear();
            }

            recent.Enqueue(constant ?? -1);
            if (recent.Count > 3)
            {
                recent.Dequeue();
            }
        }
    }

    private static MethodBase? ResolveMethod(MethodBase method, int token)
    {
        try
        {
            var generics = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodGenerics = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMethod(token, generics, methodGenerics);
        }
        catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or FileNotFoundException or TypeLoadException)
        {
            return null;
        }
    }

    private static int OperandSize(OpCode opcode, byte[] il, int position) => opcode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.Where(t => t is not null)!;
        }
    }

    /// <summary>The product assemblies the edge runs, loaded from the built CLI's folder with its own dependency resolution.</summary>
    private static List<Assembly> EdgeAssemblies() => LoadedEdgeAssemblies.Value;

    private static readonly Lazy<List<Assembly>> LoadedEdgeAssemblies = new(LoadEdgeAssemblies);

    private static List<Assembly> LoadEdgeAssemblies()
    {
        var cliDll = Directory.EnumerateFiles(RepoPaths.Combine("src", "Bridge", "DataBridge.Cli", "bin"), "databridge.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException("The CLI is not built; build the solution first.");
        var context = new CliLoadContext(cliDll);
        return Directory.EnumerateFiles(Path.GetDirectoryName(cliDll)!, "DataBridge.*.dll")
            .Select(context.LoadFromAssemblyPath)
            .ToList();
    }

    private sealed class CliLoadContext(string mainAssembly) : AssemblyLoadContext("databridge-cli-scan", isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        // The KPI service in the CLI uses the ASP.NET Core shared framework, which a test host does not load by itself.
        private readonly string _aspNetFramework = Path.Combine(
            Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory())))!,
            "Microsoft.AspNetCore.App",
            Path.GetFileName(Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory())));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (_resolver.ResolveAssemblyToPath(assemblyName) is { } path)
            {
                return LoadFromAssemblyPath(path);
            }

            var framework = Path.Combine(_aspNetFramework, assemblyName.Name + ".dll");
            return File.Exists(framework) ? LoadFromAssemblyPath(framework) : null;
        }
    }
}
