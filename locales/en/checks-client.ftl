scan-status-iis-from-all = The server's IIS log shows requests from { $seen } of them ({ $answered } answered 503).
scan-status-iis-from-some = The server's IIS log shows requests from { $seen } of them ({ $answered } answered 503); none from { $unseen }.
