#requires -Version 7.4
<#
.SYNOPSIS
    Lists the framework types and members that the given assemblies use and .NET Framework's reference assemblies
    (e.g. 4.7.2, Windows PowerShell 5.1's floor) lack. Empty output: nothing missing.

.DESCRIPTION
    Windows PowerShell 5.1 cannot run here, so this reads metadata instead: every type reference into an assembly
    that is not shipped beside the checked ones (netstandard, mscorlib, System.*) must name a public type of the
    reference assemblies (facades' forwards count: types are matched by full name), and every member reference on
    such a type must name a member the type (or one of its base types) declares. Members are matched by name, not
    signature; members of generic instantiations (List<T>.Add) are checked at the type level only.
    -AllowNamespace: namespaces used only on the PowerShell 7 path (the module's AssemblyLoadContext loader).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $AssemblyPath,
    [Parameter(Mandatory)] [string] $ReferencePath,
    [string[]] $ShippedAssembly = @(),
    [string[]] $AllowNamespace = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Open-Metadata([string] $Path) {
    $pe = [Reflection.PortableExecutable.PEReader]::new([IO.File]::OpenRead($Path))
    if (-not $pe.HasMetadata) { $pe.Dispose(); return $null }
    [pscustomobject]@{ PE = $pe; Reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe) }
}

function Get-RefName($reader, $handle) {
    $ref = $reader.GetTypeReference($handle)
    $name = $reader.GetString($ref.Name)
    if ($ref.ResolutionScope.Kind -eq 'TypeReference') { return (Get-RefName $reader ([Reflection.Metadata.TypeReferenceHandle] $ref.ResolutionScope)) + '+' + $name }
    $ns = $reader.GetString($ref.Namespace)
    if ($ns) { "$ns.$name" } else { $name }
}

function Get-RefAssembly($reader, $handle) {
    $ref = $reader.GetTypeReference($handle)
    while ($ref.ResolutionScope.Kind -eq 'TypeReference') { $ref = $reader.GetTypeReference([Reflection.Metadata.TypeReferenceHandle] $ref.ResolutionScope) }
    if ($ref.ResolutionScope.Kind -ne 'AssemblyReference') { return $null }
    $reader.GetString($reader.GetAssemblyReference([Reflection.Metadata.AssemblyReferenceHandle] $ref.ResolutionScope).Name)
}

# 1. What the checked assemblies use from the framework: type name -> member names.
$used = @{}
foreach ($path in $AssemblyPath) {
    $md = Open-Metadata $path
    try {
        $r = $md.Reader
        $isFramework = { param($h) $a = Get-RefAssembly $r $h; $a -and $a -notin $ShippedAssembly -and $a -ne 'System.Management.Automation' }
        foreach ($h in $r.TypeReferences) {
            if (& $isFramework $h) {
                $name = Get-RefName $r $h
                if (-not $used.ContainsKey($name)) { $used[$name] = [Collections.Generic.HashSet[string]]::new() }
            }
        }
        foreach ($h in $r.MemberReferences) {
            $member = $r.GetMemberReference($h)
            if ($member.Parent.Kind -ne 'TypeReference') { continue }
            $parent = [Reflection.Metadata.TypeReferenceHandle] $member.Parent
            if (& $isFramework $parent) { [void] $used[(Get-RefName $r $parent)].Add($r.GetString($member.Name)) }
        }
    }
    finally { $md.PE.Dispose() }
}

# 2. What the reference assemblies declare, for the used types and their base types: name -> members, base.
$declared = @{}
$wanted = [Collections.Generic.HashSet[string]]::new([string[]] $used.Keys)
$files = @(Get-ChildItem $ReferencePath -Filter '*.dll') + @(Get-ChildItem (Join-Path $ReferencePath 'Facades') -Filter '*.dll' -ErrorAction SilentlyContinue)
do {
    $found = 0
    foreach ($file in $files) {
        $md = Open-Metadata $file.FullName
        if (-not $md) { continue }
        try {
            $r = $md.Reader
            foreach ($h in $r.TypeDefinitions) {
                $t = $r.GetTypeDefinition($h)
                $name = $r.GetString($t.Name)
                $outer = $t.GetDeclaringType()
                if (-not $outer.IsNil) { $o = $r.GetTypeDefinition($outer); $name = "$($r.GetString($o.Namespace)).$($r.GetString($o.Name))+$name" }
                elseif ($r.GetString($t.Namespace)) { $name = "$($r.GetString($t.Namespace)).$name" }
                if (-not $wanted.Contains($name) -or $declared.ContainsKey($name)) { continue }
                $members = [Collections.Generic.HashSet[string]]::new()
                foreach ($m in $t.GetMethods()) { [void] $members.Add($r.GetString($r.GetMethodDefinition($m).Name)) }
                foreach ($f in $t.GetFields()) { [void] $members.Add($r.GetString($r.GetFieldDefinition($f).Name)) }
                $base = if ($t.BaseType.IsNil) { $null }
                elseif ($t.BaseType.Kind -eq 'TypeReference') { Get-RefName $r ([Reflection.Metadata.TypeReferenceHandle] $t.BaseType) }
                elseif ($t.BaseType.Kind -eq 'TypeDefinition') { $b = $r.GetTypeDefinition([Reflection.Metadata.TypeDefinitionHandle] $t.BaseType); "$($r.GetString($b.Namespace)).$($r.GetString($b.Name))" }
                $declared[$name] = [pscustomobject]@{ Members = $members; Base = $base }
                if ($base -and $wanted.Add($base)) { $found++ }
            }
        }
        finally { $md.PE.Dispose() }
    }
} while ($found -gt 0)   # base types first met in an assembly already read: once more

Write-Verbose "Checking $($used.Count) framework types and $(($used.Values | Measure-Object Count -Sum).Sum) members against $ReferencePath."
# 3. The difference.
foreach ($type in $used.Keys | Sort-Object) {
    if ($AllowNamespace | Where-Object { $type.StartsWith("$_.") }) { continue }
    if (-not $declared.ContainsKey($type)) { "type $type"; continue }
    foreach ($member in $used[$type] | Sort-Object) {
        $t = $type
        $ok = $false
        while ($t -and $declared.ContainsKey($t)) {
            if ($declared[$t].Members.Contains($member)) { $ok = $true; break }
            $t = $declared[$t].Base
        }
        if (-not $ok) { "member $type::$member" }
    }
}
