# Installs the cvsite binary for Windows from a GitHub Release, its SHA-256 checksum verified:
#   irm https://github.com/cvsite/cvsite/releases/latest/download/install.ps1 | iex
# $env:CVSITE_VERSION = "0.2.0" picks a version (default: the latest); $env:CVSITE_INSTALL_DIR
# a folder (default: %LOCALAPPDATA%\cvsite\bin, added to the user's PATH).
$ErrorActionPreference = "Stop"
$repo = if ($env:CVSITE_REPO) { $env:CVSITE_REPO } else { "cvsite/cvsite" }
$dir = if ($env:CVSITE_INSTALL_DIR) { $env:CVSITE_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA "cvsite\bin" }
$base = if ($env:CVSITE_VERSION) { "https://github.com/$repo/releases/download/v$($env:CVSITE_VERSION)" } else { "https://github.com/$repo/releases/latest/download" }
$archive = "cvsite-x86_64-pc-windows-msvc.zip"

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ([System.Guid]::NewGuid())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
    Invoke-WebRequest "$base/$archive" -OutFile (Join-Path $tmp $archive) -UseBasicParsing
    Invoke-WebRequest "$base/$archive.sha256" -OutFile (Join-Path $tmp "$archive.sha256") -UseBasicParsing
    $expected = ((Get-Content (Join-Path $tmp "$archive.sha256") -Raw).Split(" ")[0]).Trim().ToLower()
    $actual = (Get-FileHash (Join-Path $tmp $archive) -Algorithm SHA256).Hash.ToLower()
    if ($expected -ne $actual) { throw "cvsite: checksum mismatch for $archive (expected $expected, got $actual): not installed" }
    Expand-Archive (Join-Path $tmp $archive) -DestinationPath $tmp
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    $exe = Get-ChildItem $tmp -Recurse -Filter cvsite.exe | Select-Object -First 1
    Copy-Item $exe.FullName (Join-Path $dir "cvsite.exe") -Force
    $path = [Environment]::GetEnvironmentVariable("Path", "User")
    if (-not ($path -split ";" | Where-Object { $_ -eq $dir })) {
        [Environment]::SetEnvironmentVariable("Path", "$path;$dir", "User")
        Write-Host "Added $dir to your PATH (open a new terminal)."
    }
    Write-Host "cvsite installed in $dir\cvsite.exe"
} finally {
    Remove-Item -Recurse -Force $tmp
}
