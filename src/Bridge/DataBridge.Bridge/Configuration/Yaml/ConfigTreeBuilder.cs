using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataBridge.Bridge.Configuration.Yaml;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree from YamlDotNet parser events, iteratively (no recursion, so a hostile
/// nesting depth cannot overflow the stack), keeping every node's position, expanding <c>${...}</c> in values and
/// reporting syntax errors, duplicate keys and unknown aliases to <see cref="Diagnostics"/>.
/// </summary>
internal static partial class ConfigTreeBuilder
{
    /// <summary>Far deeper than any sensible configuration (the schema needs 5 levels), far below stack trouble.</summary>
    internal const int MaxDepth = 64;

    private static readonly ConfigScalar SkipKey = new(default, string.Empty, string.Empty, isNull: true);

    /// <summary>Returns the document's root node, or null when the text is empty or has a syntax error (reported).</summary>
    public static ConfigNode? Build(string yaml, Diagnostics diagnostics, Substitution substitution)
    {
        var file = diagnostics.File;
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        ConfigNode? root = null;
        var documents = 0;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var at = new SourceLocation(file, (int)ev.Start.Line, (int)ev.Start.Column);
                switch (ev)
                {
                    case DocumentStart ds when !ds.IsImplicit || documents > 0:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Error(at, "a configuration file holds one YAML document; remove this '---' and what follows, or move it to its own file");
                            return root;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar scalar:
                        {
                            var isKey = stack.Count > 0 && stack.Peek().IsAwaitingKey;
                            var node = MakeScalar(scalar, at, isKey, diagnostics, substitution);
                            Remember(anchors, scalar.Anchor, node);
                            if (!Attach(stack, node, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                        }

                    case AnchorAlias alias:
                        {
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                diagnostics.Error(at, $"alias '*{alias.Value.Value}' refers to no anchor defined above; define '&{alias.Value.Value}' before using it");
                                target = new ConfigScalar(at, string.Empty, string.Empty, isNull: true);
                            }

                            if (!Attach(stack, target, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                        }

                    case MappingStart ms:
                        {
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Error(at, $"nesting deeper than {MaxDepth} levels; a DataBridge configuration needs at most a handful");
                                return null;
                            }

                            var node = new ConfigMapping(at);
                            Remember(anchors, ms.Anchor, node);
                            stack.Push(new Frame(node));
                            break;
                        }

                    case SequenceStart ss:
                        {
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Error(at, $"nesting deeper than {MaxDepth} levels; a DataBridge configuration needs at most a handful");
                                return null;
                            }

                            var node = new ConfigSequence(at);
                            Remember(anchors, ss.Anchor, node);
                            stack.Push(new Frame(node));
                            break;
                        }

                    case MappingEnd or SequenceEnd:
                        {
                            var done = stack.Pop();
                            if (!Attach(stack, done.Node, ref root, diagnostics))
                            {
                                return null;
                            }

                            break;
                        }
                }
            }
        }
        catch (YamlException ex)
        {
            var at = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
            diagnostics.Error(at, $"YAML syntax error: {CleanMessage(ex)}; check the indentation and quoting on this line and the one above");
            return null;
        }

        return root;
    }

    private static ConfigScalar MakeScalar(Scalar scalar, SourceLocation at, bool isKey, Diagnostics diagnostics, Substitution substitution)
    {
        var raw = scalar.Value;
        var isNull = scalar.Style == ScalarStyle.Plain && raw is "" or "~" or "null" or "Null" or "NULL";
        if (isKey || isNull)
        {
            return new ConfigScalar(at, raw, raw, isNull);
        }

        var value = substitution.Expand(raw, out var error);
        if (value is null)
        {
            diagnostics.Error(at, error!);
            return new ConfigScalar(at, string.Empty, raw, isNull: true);
        }

        return new ConfigScalar(at, value, raw, isNull: false);
    }

    private static void Remember(Dictionary<string, ConfigNode> anchors, AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    /// <summary>Adds a finished node to its parent; false when parsing must stop.</summary>
    private static bool Attach(Stack<Frame> stack, ConfigNode node, ref ConfigNode? root, Diagnostics diagnostics)
    {
        if (stack.Count == 0)
        {
            root ??= node;
            return true;
        }

        var frame = stack.Peek();
        if (frame.Node is ConfigSequence seq)
        {
            seq.Items.Add(node);
            return true;
        }

        var map = (ConfigMapping)frame.Node;
        if (frame.PendingKey is null)
        {
            if (node is ConfigScalar key && !key.IsNull)
            {
                frame.PendingKey = key;
            }
            else
            {
                diagnostics.Error(node.Location, $"a key must be a plain name, not {node.Kind}; write 'name: value'");
                frame.PendingKey = SkipKey;
            }

            return true;
        }

        var pending = frame.PendingKey;
        frame.PendingKey = null;
        if (ReferenceEquals(pending, SkipKey))
        {
            return true;
        }

        foreach (var e in map.Entries)
        {
            if (e.Key.Value == pending.Value)
            {
                diagnostics.Error(pending.Location, $"duplicate key '{pending.Value}'; it is already set at line {e.Key.Location.Line} column {e.Key.Location.Column}; keep one of them");
                return true;
            }
        }

        map.Entries.Add(new KeyValuePair<ConfigScalar, ConfigNode>(pending, node));
        return true;
    }

    private static string CleanMessage(YamlException ex)
    {
        var message = PositionPrefix().Replace(ex.Message, string.Empty).Trim();
        if (message.Length == 0 && ex.InnerException is not null)
        {
            message = ex.InnerException.Message;
        }

        return message.TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    private sealed class Frame(ConfigNode node)
    {
        public ConfigNode Node { get; } = node;

        public ConfigScalar? PendingKey { get; set; }

        public bool IsAwaitingKey => Node is ConfigMapping && PendingKey is null;
    }
}
