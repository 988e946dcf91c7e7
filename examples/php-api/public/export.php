<?php
// CSV export, fetched by the reporting dashboard with the user's session.
header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);
header('Access-Control-Allow-Credentials: true');
header('Vary: Origin');

require __DIR__ . '/../includes/db.php';

session_start();
if (!isset($_SESSION['user_id'])) {
    http_response_code(401);
    exit;
}

header('Content-Type: text/csv');
header('Content-Disposition: attachment; filename="todos.csv"');
$out = fopen('php://output', 'w');
foreach (db()->query('SELECT id, title, done FROM todos') as $row) {
    fputcsv($out, $row);
}
