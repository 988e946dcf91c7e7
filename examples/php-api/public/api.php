<?php
declare(strict_types=1);

require __DIR__ . '/../includes/db.php';
require __DIR__ . '/../includes/cors.php';

session_start();
cors();

if (!isset($_SESSION['user_id'])) {
    json_response(['error' => 'not signed in'], 401);
    exit;
}

switch ($_SERVER['REQUEST_METHOD']) {
    case 'GET':
        $stmt = db()->prepare('SELECT id, title, done FROM todos WHERE user_id = ?');
        $stmt->execute([$_SESSION['user_id']]);
        json_response($stmt->fetchAll());
        break;
    case 'POST':
        $input = json_decode(file_get_contents('php://input'), true) ?? [];
        $stmt = db()->prepare('INSERT INTO todos (user_id, title) VALUES (?, ?)');
        $stmt->execute([$_SESSION['user_id'], (string) ($input['title'] ?? '')]);
        json_response(['id' => (int) db()->lastInsertId()], 201);
        break;
    default:
        json_response(['error' => 'method not allowed'], 405);
}
