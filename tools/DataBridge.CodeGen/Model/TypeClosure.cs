namespace DataBridge.CodeGen.Model;

/// <summary>Computes the selected structures plus everything their fields need, refusing write-type services.</summary>
internal static class TypeClosure
{
    public static (IReadOnlyList<(string Group, IReadOnlyList<StructureModel> Structures)> Groups, IReadOnlyList<EnumModel> Enums) Compute(TypeDictionaryModel dictionary)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var enums = new SortedDictionary<string, EnumModel>(StringComparer.Ordinal);
        var groups = new List<(string, IReadOnlyList<StructureModel>)>();
        foreach (var (group, roots) in ServiceSelection.Groups)
        {
            var members = new List<StructureModel>();
            var queue = new Queue<string>(roots);
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (!seen.Add(name))
                {
                    continue;
                }

                Refuse(name);
                var structure = dictionary.Structures.TryGetValue(name, out var s)
                    ? s
                    : throw new InvalidDataException($"Structure '{name}' is not in Opc.Ua.Types.bsd; check ServiceSelection.");
                members.Add(structure);
                foreach (var field in structure.Fields)
                {
                    if (field.TypeName.StartsWith("unsupported:", StringComparison.Ordinal) || field.TypeName == "opc:Bit")
                    {
                        throw new NotSupportedException($"{name}.{field.Name} uses optional or switch fields, which this generator does not emit.");
                    }

                    if (!field.TypeName.StartsWith("tns:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var type = field.TypeName[4..];
                    if (dictionary.Enums.TryGetValue(type, out var e))
                    {
                        Refuse(type);
                        enums[type] = e;
                    }
                    else
                    {
                        queue.Enqueue(type);
                    }
                }
            }

            groups.Add((group, members));
        }

        foreach (var name in ServiceSelection.RootEnums)
        {
            Refuse(name);
            enums[name] = dictionary.Enums[name];
        }

        return (groups, [.. enums.Values]);
    }

    private static void Refuse(string name)
    {
        if (ServiceSelection.IsForbidden(name))
        {
            throw new InvalidOperationException($"'{name}' belongs to a service that writes to servers; DataBridge is read-only and never generates it.");
        }
    }
}
