<?php
// Public health check, polled by the status page on another domain. No cookies.
header('Access-Control-Allow-Origin: *');
header('Content-Type: application/json');
header('Cache-Control: no-store');

echo json_encode(['status' => 'ok', 'time' => gmdate('c')]);
